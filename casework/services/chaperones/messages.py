"""The messages chaperone approval sends. Wording is what a council copies into Notify.

((council_name)) and ((contact_url)) are filled for every message by the outbox. Texts start
with the council's name and never carry an officer's reason (it is read in an email, a
letter or on the case page). Messages that give the approval number are sent once the
approval exists (by the approval's effect and the daily reminder run), so they always
have it.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChildren's services\n((council_name))"
_APPLICANT = ("council_name", "contact_url", "applicant_name", "reference")

SUBMITTED = Message(
    name="chaperone_submitted",
    description="Tells the applicant we have their application and asks for their photo",
    personalisation=(*_APPLICANT, "referee_names", "case_url"),
    wording={
        "email": Wording(
            subject="We have your application to be a chaperone ((reference))",
            body="Dear ((applicant_name)),\n\nWe have your application to be approved as a "
            "chaperone. Your reference is ((reference)).\n\nWhat happens next:\n\n"
            "1. We have emailed your referees, ((referee_names)), a link to give you a "
            "reference online. You may want to tell them to look out for it.\n"
            "2. Send us a recent photo of your face, like a passport photo, at "
            "((case_url)). We print it on your approval card.\n"
            "3. Once we have both references and your photo, an officer will check your DBS "
            "certificate and invite you to a face-to-face interview." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your chaperone application ((reference)). We have "
            "asked your referees for references. Send us a photo of your face at ((case_url))"
        ),
        "letter": Wording(
            subject="Your application to be a chaperone ((reference))",
            body="Dear ((applicant_name)),\n\nWe have your application to be approved as a "
            "chaperone. Your reference is ((reference)).\n\nWe have written to your "
            "referees, ((referee_names)), to ask for a reference.\n\nPlease send us a recent "
            "photo of your face, like a passport photo, online at ((case_url)), or by post "
            "to the address at the top of this letter with your reference. We print it on "
            "your approval card.\n\nOnce we have both references and your photo, an officer "
            "will check your DBS certificate and invite you to a face-to-face interview."
            + _SIGN_OFF,
        ),
    },
)

REFEREE_LINK = Message(
    name="chaperone_referee_link",
    description="Asks a referee to give the applicant a reference online",
    personalisation=(
        "council_name",
        "contact_url",
        "party_name",
        "applicant_name",
        "link",
        "expires_on",
    ),
    wording={
        "email": Wording(
            subject="Reference for ((applicant_name)), who wants to be a chaperone",
            body="Dear ((party_name)),\n\n((applicant_name)) has applied to ((council_name)) "
            "to be approved as a chaperone, looking after children who perform in shows, "
            "films and television. They gave your name as a referee.\n\nPlease answer a few "
            "questions about them at:\n\n((link))\n\nIt takes about 5 minutes. The link works "
            "until ((expires_on)).\n\nIf you do not know ((applicant_name)), or do not want "
            "to give a reference, contact us at ((contact_url)) instead." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): ((applicant_name)) named you as a referee for their "
            "chaperone application. Please answer a few questions at ((link)) by "
            "((expires_on))."
        ),
    },
)

PHOTO_NEEDED = Message(
    name="chaperone_photo_needed",
    description="Tells the applicant both references are in and asks for their photo",
    personalisation=(*_APPLICANT, "case_url"),
    wording={
        "email": Wording(
            subject="Send us your photo ((reference))",
            body="Dear ((applicant_name)),\n\nBoth your referees have answered. Now send us a "
            "recent photo of your face, like a passport photo, as a JPG or PNG at "
            "((case_url))\n\nWe print it on your approval card. We cannot go on with your "
            "application until we have it." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Both your referees have answered. Now send us a photo of "
            "your face at ((case_url)) (ref ((reference)))"
        ),
        "letter": Wording(
            subject="Send us your photo ((reference))",
            body="Dear ((applicant_name)),\n\nBoth your referees have answered. Now send us a "
            "recent photo of your face, like a passport photo, online at ((case_url)) or by "
            "post to the address at the top of this letter with your reference.\n\nWe print "
            "it on your approval card. We cannot go on with your application until we have "
            "it." + _SIGN_OFF,
        ),
    },
)

PHOTO_UNUSABLE = Message(
    name="chaperone_photo_unusable",
    description="Tells the applicant the file they sent is not a photo we can print",
    personalisation=(*_APPLICANT, "case_url"),
    wording={
        "email": Wording(
            subject="We cannot use the file you sent ((reference))",
            body="Dear ((applicant_name)),\n\nThe file you sent is not a photo we can print on "
            "your approval card. Send a recent photo of your face as a JPG or PNG file at "
            "((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We cannot print the file you sent on your approval card. "
            "Send a JPG or PNG photo of your face at ((case_url))"
        ),
        "letter": Wording(
            subject="We cannot use the file you sent ((reference))",
            body="Dear ((applicant_name)),\n\nThe file you sent is not a photo we can print on "
            "your approval card. Send a recent photo of your face as a JPG or PNG file "
            "online at ((case_url)), or a printed photo by post to the address at the top of "
            "this letter with your reference." + _SIGN_OFF,
        ),
    },
)

WITH_OFFICER = Message(
    name="chaperone_with_officer",
    description="Tells the applicant we have their references and photo, and an officer "
    "will check their DBS certificate and interview them",
    personalisation=(*_APPLICANT, "case_url"),
    wording={
        "email": Wording(
            subject="Your chaperone application is with an officer ((reference))",
            body="Dear ((applicant_name)),\n\nWe have both your references and your photo. An "
            "officer will check your DBS certificate and contact you to arrange a "
            "face-to-face interview. Bring your DBS certificate and photo identity, such as "
            "a passport or driving licence.\n\nSee how your application is going at "
            "((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your references and photo. An officer will contact "
            "you to arrange an interview (ref ((reference)))."
        ),
        "letter": Wording(
            subject="Your chaperone application is with an officer ((reference))",
            body="Dear ((applicant_name)),\n\nWe have both your references and your photo. An "
            "officer will check your DBS certificate and contact you to arrange a "
            "face-to-face interview. Bring your DBS certificate and photo identity, such as "
            "a passport or driving licence." + _SIGN_OFF,
        ),
    },
)

NEW_PHOTO_NEEDED = Message(
    name="chaperone_new_photo_needed",
    description="Asks the applicant for a new photo, saying why",
    personalisation=(*_APPLICANT, "reason", "case_url"),
    wording={
        "email": Wording(
            subject="We need a new photo ((reference))",
            body="Dear ((applicant_name)),\n\nWe need a new photo of you for your approval "
            "card:\n\n((reason))\n\nSend it as a JPG or PNG at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We need a new photo for your chaperone approval card. See "
            "why and send it at ((case_url))"
        ),
        "letter": Wording(
            subject="We need a new photo ((reference))",
            body="Dear ((applicant_name)),\n\nWe need a new photo of you for your approval "
            "card:\n\n((reason))\n\nSend it online at ((case_url)) or by post to the address "
            "at the top of this letter with your reference." + _SIGN_OFF,
        ),
    },
)

APPROVED = Message(
    name="chaperone_approved",
    description="Tells the applicant they are approved, their approval number and until when",
    personalisation=(*_APPLICANT, "approval_number", "approved_until", "case_url"),
    wording={
        "email": Wording(
            subject="You are approved as a chaperone ((approval_number))",
            body="Dear ((applicant_name)),\n\nYou are approved as a chaperone until "
            "((approved_until)). Your approval number is ((approval_number)).\n\nDownload "
            "your approval card at ((case_url)). Print it at actual size, cut it out and "
            "carry it whenever you chaperone.\n\nLicence holders and other councils can "
            "check your approval with your approval number, surname and date of birth. We "
            "will remind you before your approval ends." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): You are approved as a chaperone until ((approved_until)). "
            "Approval number ((approval_number)). Download your card at ((case_url))"
        ),
        "letter": Wording(
            subject="You are approved as a chaperone ((approval_number))",
            body="Dear ((applicant_name)),\n\nYou are approved as a chaperone until "
            "((approved_until)). Your approval number is ((approval_number)).\n\nYour "
            "approval card is with this letter, and you can download it at ((case_url)). "
            "Carry it whenever you chaperone.\n\nLicence holders and other councils can check "
            "your approval with your approval number, surname and date of birth. We will "
            "remind you before your approval ends." + _SIGN_OFF,
        ),
    },
)

REFUSED = Message(
    name="chaperone_refused",
    description="Tells the applicant we have refused to approve them, and why",
    personalisation=(*_APPLICANT, "reason"),
    wording={
        "email": Wording(
            subject="Your application to be a chaperone ((reference))",
            body="Dear ((applicant_name)),\n\nWe have decided not to approve you as a "
            "chaperone.\n\n((reason))\n\nIf you think we have made a mistake, contact us at "
            "((contact_url)) within 28 days, giving your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have decided not to approve you as a chaperone (ref "
            "((reference))). We have emailed or written to you to say why."
        ),
        "letter": Wording(
            subject="Your application to be a chaperone ((reference))",
            body="Dear ((applicant_name)),\n\nWe have decided not to approve you as a "
            "chaperone.\n\n((reason))\n\nIf you think we have made a mistake, write to us at "
            "the address at the top of this letter within 28 days, giving your reference, "
            "((reference))." + _SIGN_OFF,
        ),
    },
)

SUSPENDED = Message(
    name="chaperone_suspended",
    description="Tells the chaperone their approval is suspended, and why",
    personalisation=(*_APPLICANT, "reason"),
    wording={
        "email": Wording(
            subject="Your chaperone approval is suspended ((reference))",
            body="Dear ((applicant_name)),\n\nWe have suspended your approval as a chaperone "
            "from today. You must not act as a chaperone while it is suspended.\n\n"
            "((reason))\n\nWe will tell you when we have decided whether to lift the "
            "suspension or revoke your approval. Contact us at ((contact_url)) if you want "
            "to tell us anything." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Your chaperone approval is suspended from today. Do not act "
            "as a chaperone. We have emailed or written to you to say why (ref ((reference)))."
        ),
        "letter": Wording(
            subject="Your chaperone approval is suspended ((reference))",
            body="Dear ((applicant_name)),\n\nWe have suspended your approval as a chaperone "
            "from the date of this letter. You must not act as a chaperone while it is "
            "suspended.\n\n((reason))\n\nWe will write to you when we have decided whether "
            "to lift the suspension or revoke your approval." + _SIGN_OFF,
        ),
    },
)

SUSPENSION_LIFTED = Message(
    name="chaperone_suspension_lifted",
    description="Tells the chaperone their suspension is lifted",
    personalisation=_APPLICANT,
    wording={
        "email": Wording(
            subject="Your chaperone approval is no longer suspended ((reference))",
            body="Dear ((applicant_name)),\n\nWe have lifted the suspension of your approval "
            "as a chaperone. You can act as a chaperone again, and your approval card is "
            "valid until the date printed on it." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): The suspension of your chaperone approval is lifted. You can "
            "act as a chaperone again (ref ((reference)))."
        ),
        "letter": Wording(
            subject="Your chaperone approval is no longer suspended ((reference))",
            body="Dear ((applicant_name)),\n\nWe have lifted the suspension of your approval "
            "as a chaperone. You can act as a chaperone again, and your approval card is "
            "valid until the date printed on it." + _SIGN_OFF,
        ),
    },
)

REVOKED = Message(
    name="chaperone_revoked",
    description="Tells the chaperone their approval is revoked, and why",
    personalisation=(*_APPLICANT, "reason"),
    wording={
        "email": Wording(
            subject="Your chaperone approval is revoked ((reference))",
            body="Dear ((applicant_name)),\n\nWe have revoked your approval as a chaperone. "
            "You must not act as a chaperone, and your approval card is no longer valid: "
            "please destroy it.\n\n((reason))\n\nIf you think we have made a mistake, "
            "contact us at ((contact_url)) within 28 days, giving your reference, "
            "((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Your chaperone approval is revoked. Do not act as a "
            "chaperone. We have emailed or written to you to say why (ref ((reference)))."
        ),
        "letter": Wording(
            subject="Your chaperone approval is revoked ((reference))",
            body="Dear ((applicant_name)),\n\nWe have revoked your approval as a chaperone. "
            "You must not act as a chaperone, and your approval card is no longer valid: "
            "please destroy it.\n\n((reason))\n\nIf you think we have made a mistake, write "
            "to us at the address at the top of this letter within 28 days, giving your "
            "reference, ((reference))." + _SIGN_OFF,
        ),
    },
)

EXPIRY_REMINDER = Message(
    name="chaperone_expiry_reminder",
    description="Reminds the chaperone their approval ends soon, so they can apply again",
    personalisation=(*_APPLICANT, "approval_number", "approved_until", "apply_url"),
    wording={
        "email": Wording(
            subject="Your chaperone approval ends on ((approved_until))",
            body="Dear ((applicant_name)),\n\nYour approval as a chaperone, number "
            "((approval_number)), ends on ((approved_until)). To carry on chaperoning after "
            "that, apply again now at ((apply_url))\n\nWe need new references, an up to date "
            "DBS certificate and an interview, which take a few weeks." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Your chaperone approval ((approval_number)) ends on "
            "((approved_until)). To carry on, apply again now at ((apply_url))"
        ),
        "letter": Wording(
            subject="Your chaperone approval ends on ((approved_until))",
            body="Dear ((applicant_name)),\n\nYour approval as a chaperone, number "
            "((approval_number)), ends on ((approved_until)). To carry on chaperoning after "
            "that, apply again now at ((apply_url)) or contact us at ((contact_url)).\n\nWe "
            "need new references, an up to date DBS certificate and an interview, which take "
            "a few weeks." + _SIGN_OFF,
        ),
    },
)

EXPIRED = Message(
    name="chaperone_expired",
    description="Tells the chaperone their approval has ended",
    personalisation=(*_APPLICANT, "apply_url"),
    wording={
        "email": Wording(
            subject="Your chaperone approval has ended ((reference))",
            body="Dear ((applicant_name)),\n\nYour approval as a chaperone has ended, and your "
            "approval card is no longer valid. You must not act as a chaperone until we "
            "approve you again.\n\nTo be approved again, apply at ((apply_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Your chaperone approval has ended. Do not act as a "
            "chaperone until we approve you again. Apply at ((apply_url))"
        ),
        "letter": Wording(
            subject="Your chaperone approval has ended ((reference))",
            body="Dear ((applicant_name)),\n\nYour approval as a chaperone has ended, and your "
            "approval card is no longer valid. You must not act as a chaperone until we "
            "approve you again.\n\nTo be approved again, apply at ((apply_url)) or contact us "
            "at ((contact_url))." + _SIGN_OFF,
        ),
    },
)

ALL = (
    SUBMITTED,
    REFEREE_LINK,
    PHOTO_NEEDED,
    PHOTO_UNUSABLE,
    WITH_OFFICER,
    NEW_PHOTO_NEEDED,
    APPROVED,
    REFUSED,
    SUSPENDED,
    SUSPENSION_LIFTED,
    REVOKED,
    EXPIRY_REMINDER,
    EXPIRED,
)
