"""The portal's side of the assistant: talking to Rasa, the web chat, text-message replies
and links that carry a conversation's answers into the web form."""
