package ledger.api.http.notice;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class NoticeContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Notices", "The privacy-notice registry: versions registered by the SHA-256 of their text.");
        api.schema(NoticeController.Translation.class, "NoticeTranslation", "A registered version's text in "
                + "another language (a BCP 47 tag); a consent naming that language records the SHA-256 of this "
                + "text.");
        api.schema(NoticeController.TranslationRegistered.class, "NoticeTranslationRegistered", "The "
                + "version, the language and the SHA-256 the ledger computed of the translation's text.");
        api.schema(NoticeController.Registration.class, "NoticeRegistration", "A privacy-notice version to "
                + "register: its language, where it is published, its full text (the ledger keeps it and its "
                + "SHA-256), from when it is in effect, the purposes it describes, the retention it states and "
                + "the recipients it names.");
        api.schema(NoticeController.Purpose.class, "NoticePurpose", "What a notice says of one purpose: "
                + "description and legal basis.");
        api.schema(NoticeController.Recipient.class, "NoticeRecipient", "A recipient or processor a notice "
                + "names, for which purposes and where.");
        api.schema(NoticeController.NoticeSummary.class, "NoticeSummary", "A registered notice version "
                + "without its text; sha256 is the lowercase hex SHA-256 of the text's UTF-8 bytes.");
        api.schema(NoticeController.Notice.class, "PrivacyNotice", "A registered notice version with its "
                + "text.");
        api.schema(NoticeController.Registered.class, "NoticeRegistered", "The registered version and the "
                + "SHA-256 of its text.");
        api.alternative("/api/v1/notices/{version}", NoticeController.Notice.class, "text/plain",
                "Privacy Policy\n\nAbout our privacy policy\n...");
    }
}
