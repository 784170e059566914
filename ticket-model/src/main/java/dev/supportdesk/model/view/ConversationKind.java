package dev.supportdesk.model.view;

/** The kinds of conversation entries shown in a ticket's detail. */
public enum ConversationKind {
    /** An agent's answer to the customer (PublicReplyPostedEvent). */
    PUBLIC_REPLY,
    /** An internal note, never shown to the customer (InternalNoteAddedEvent). */
    INTERNAL_NOTE,
    /** The customer wrote or called back (CustomerMessageReceivedEvent). */
    CUSTOMER_MESSAGE
}
