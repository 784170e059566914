package dev.supportdesk.ticket.command.session;

import dev.supportdesk.platform.security.ConsoleSignIn;
import dev.supportdesk.platform.security.ConsoleSignIn.SignedIn;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/session}: the console's sign-in, its current session and sign-out (docs/api.md). Every backend
 * accepts the session's cookie; this one opens and ends sessions.
 */
@RestController
@RequestMapping(path = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    record SignInRequest(
            @NotNull @Size(max = 128) String username,
            @NotNull @Size(max = 1024) String password) {}

    record SessionView(String name, String displayName, Set<Role> roles, Set<String> groups, String csrfToken) {

        static SessionView of(SignedIn session) {
            return new SessionView(
                    session.user().name(),
                    session.user().displayName(),
                    session.user().roles(),
                    session.user().groups(),
                    session.csrfToken());
        }
    }

    private final ConsoleSignIn signIn;

    SessionController(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Sign in: opens a session and sets the SUPPORT_SESSION cookie",
            responses = {
                @ApiResponse(responseCode = "200", description = "signed in"),
                @ApiResponse(responseCode = "400", description = "username or password missing"),
                @ApiResponse(responseCode = "401", description = "wrong user name or password")
            })
    ResponseEntity<SessionView> signIn(@Valid @RequestBody SignInRequest request, HttpServletRequest http) {
        SignedIn session = signIn.signIn(request.username(), request.password(), http)
                .orElseThrow(() -> ApiProblem.of(
                        HttpStatus.UNAUTHORIZED, "Unauthorized", "The user name or the password is wrong"));
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, session.cookie())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(SessionView.of(session));
    }

    @GetMapping
    @Operation(
            summary = "The signed-in user and the session's CSRF token",
            responses = {
                @ApiResponse(responseCode = "200", description = "the session is valid"),
                @ApiResponse(responseCode = "401", description = "no valid session cookie")
            })
    ResponseEntity<SessionView> current() {
        SignedIn session = signIn.current().orElseThrow(SessionController::notSignedIn);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(SessionView.of(session));
    }

    @DeleteMapping
    @Operation(
            summary = "Sign out: ends the session on every service and clears the cookie",
            responses = {
                @ApiResponse(responseCode = "204", description = "signed out"),
                @ApiResponse(responseCode = "403", description = "the session's X-CSRF-Token is missing or wrong")
            })
    ResponseEntity<Void> signOut() {
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, signIn.signOut())
                .build();
    }

    private static ApiProblem notSignedIn() {
        return ApiProblem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "No valid session: sign in first");
    }
}
