package dev.supportdesk.contract;

/** Where a request reached the support team. */
public enum Channel {
    PHONE,
    EMAIL,
    CHAT,
    WEB,
    MESSENGER,
    API
}
