"""The sandbox's one HTML page: every message received, newest first.

Plain server-rendered HTML with no scripts, so it works in any browser and with assistive
technology. Everything from a request is escaped: message bodies are user-supplied.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from notifications.sandbox.store import StoredMessage

_STYLE = """
body { font-family: Arial, sans-serif; margin: 2rem; line-height: 1.4; color: #0b0c0c; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.5rem; text-align: left;
         vertical-align: top; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: inherit; }
"""


def _row(message: StoredMessage) -> str:
    created = message.created_at.isoformat(timespec="seconds")
    shown_time = message.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    cells = [
        f'<td><time datetime="{escape(created)}">{escape(shown_time)}</time></td>',
        f"<td>{escape(message.type)}</td>",
        f"<td>{escape(message.status)}</td>",
        f"<td>{escape(message.to)}</td>",
        f"<td>{escape(message.subject or '')}</td>",
        f'<td><pre class="body">{escape(message.body)}</pre></td>',
        f"<td>{escape(message.reference or '')}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _inbound_section(inbound: Sequence[dict]) -> str:
    rows = "\n".join(
        f"<tr><td>{escape(text['date_received'])}</td><td>{escape(text['source_number'])}</td>"
        f'<td><pre class="body">{escape(text["message"])}</pre></td></tr>'
        for text in reversed(inbound)
    )
    table = (
        "<table><caption>Texts received, newest first</caption><thead><tr>"
        '<th scope="col">Time</th><th scope="col">From</th><th scope="col">Message</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if inbound
        else "<p>No texts received yet.</p>"
    )
    return f"""<h2>Send a text to the service</h2>
<p>Pretend a person texted the service's number. It is sent to the inbound text callback.</p>
<form method="post" action="/_sandbox/inbound-sms">
<p><label for="source_number">From (mobile number)</label><br>
<input id="source_number" name="source_number" type="tel" value="07700900123" required></p>
<p><label for="message">Message</label><br>
<textarea id="message" name="message" rows="3" cols="60" required></textarea></p>
<p><button type="submit">Send text</button></p>
</form>
{table}"""


def render_messages_page(messages: Sequence[StoredMessage], inbound: Sequence[dict] = ()) -> str:
    """``messages`` in the order received; the page shows the newest first."""
    newest_first = list(reversed(messages))
    if newest_first:
        headings = "".join(
            f'<th scope="col">{name}</th>'
            for name in ("Time", "Type", "Status", "To", "Subject", "Body", "Reference")
        )
        rows = "\n".join(_row(message) for message in newest_first)
        content = (
            f"<table>\n<caption>{len(newest_first)} message(s), newest first</caption>\n"
            f"<thead><tr>{headings}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
        )
    else:
        content = "<p>No messages received yet.</p>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Notify sandbox: received messages</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>Notify sandbox: received messages</h1>
<p>Messages sent to this local GOV.UK Notify sandbox. Nothing here was delivered.
Reload the page to see new messages.</p>
{content}
{_inbound_section(inbound)}
</main>
</body>
</html>
"""
