package dev.supportdesk.contract;

/** The customer who asked; email and phone are optional. */
public record Requester(String name, String email, String phone) {}
