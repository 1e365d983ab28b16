"""Free school meals: apply, an automatic DfE check, an officer when it cannot decide."""
