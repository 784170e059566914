package dev.supportdesk.platform.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;

/** The session cookie: {@value #NAME}, for the whole origin, never readable by scripts, never sent cross-site. */
final class SessionCookies {

    static final String NAME = "SUPPORT_SESSION";
    static final String SIGN_IN_PATH = "/api/session";
    /** A token is 43 base64url characters; anything much longer is not one and is not looked up. */
    private static final int MAX_TOKEN = 64;

    private SessionCookies() {}

    /** The request's session token, or null. */
    static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                String value = cookie.getValue();
                return value == null || value.isEmpty() || value.length() > MAX_TOKEN ? null : value;
            }
        }
        return null;
    }

    static ResponseCookie issued(String token, boolean secure) {
        return base(token, secure).build();
    }

    static ResponseCookie cleared(boolean secure) {
        return base("", secure).maxAge(0).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
        return ResponseCookie.from(NAME, value)
                .path("/")
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure);
    }
}
