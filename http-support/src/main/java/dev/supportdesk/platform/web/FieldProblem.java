package dev.supportdesk.platform.web;

/** One invalid input field of a 400 answer: where it is (a JSON path such as {@code requester.name}) and what is wrong. */
public record FieldProblem(String field, String message) {}
