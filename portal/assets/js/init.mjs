// Starts GOV.UK Frontend's components. A file, not an inline script, so the
// content security policy can forbid inline scripts.
import { initAll } from "/static/js/govuk-frontend.min.js";

initAll();
