package ledger.api.http.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import ledger.api.infrastructure.crypto.MasterKeyUnavailable;
import ledger.api.infrastructure.persistence.DatabaseFailures;
import ledger.core.shared.Refusal;
import ledger.core.shared.RefusalDetails;

/**
 * Maps every failure onto the HTTP contract. Nothing from an exception message reaches the
 * client except the domain's own refusal messages, which never carry personal data; no stack trace.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> any(Exception exception, WebRequest request) {
        // Locally the refusal is the cause; through Axon Server only its details arrive.
        Optional<RefusalDetails> refusal = causeOf(exception, Refusal.class).map(Refusal::details)
                .or(() -> causeOf(exception, CommandExecutionException.class).flatMap(e -> e.getDetails())
                        .filter(RefusalDetails.class::isInstance).map(RefusalDetails.class::cast));
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        Optional<ApiProblem> problem = causeOf(exception, ApiProblem.class);
        if (problem.isPresent()) {
            ApiProblem p = problem.get();
            ProblemDetail body = ProblemResponses.problem(p.status(), p.code(), p.status().getReasonPhrase(),
                    p.getMessage());
            if (p.field() != null) {
                ProblemResponses.withErrors(body, Map.of(p.field(), p.getMessage()));
            }
            return respond(body);
        }
        if (causeOf(exception, AggregateNotFoundException.class).isPresent()) {
            return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no such resource"));
        }
        if (causeOf(exception, ConcurrencyException.class).isPresent()) {
            return respond(ProblemResponses.problem(HttpStatus.CONFLICT, "concurrent-modification", "Conflict",
                    "the resource was changed concurrently or already exists; retry"));
        }
        Optional<MasterKeyUnavailable> noKey = causeOf(exception, MasterKeyUnavailable.class);
        if (noKey.isPresent()) {
            // its message names master key ids only
            log.warn("Master key unavailable: {}", noKey.get().getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "master-key-unavailable",
                            "Service unavailable", "this node cannot use the fleet's master key; retry later"));
        }
        if (DatabaseFailures.unavailable(exception)) {
            log.warn("Event store unavailable: {}", exception.getClass().getName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                            "Service unavailable", "the store is unavailable; retry later"));
        }
        // Only the exception's type is logged: messages of lower layers may echo stored values.
        log.error("Unexpected failure ({}) at {}", exception.getClass().getName(), describe(exception));
        return respond(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "an unexpected error occurred"));
    }

    /** Where it failed and the chain of cause types: enough to diagnose, no message that could quote data. */
    private static String describe(Throwable exception) {
        StackTraceElement[] trace = exception.getStackTrace();
        StringBuilder text = new StringBuilder(trace.length > 0 ? trace[0].toString() : "?");
        int depth = 0;
        for (Throwable cause = exception.getCause(); cause != null && depth < 10; cause = cause.getCause(), depth++) {
            text.append(" <- ").append(cause.getClass().getName());
            if (cause instanceof LinkageError || cause instanceof ClassNotFoundException) {
                text.append(" [").append(cause.getMessage()).append(']'); // a class name, never data
            }
            String sqlState = DatabaseFailures.sqlState(cause);
            if (sqlState != null) {
                text.append(" [SQLState ").append(sqlState).append(']');
            }
        }
        return text.toString();
    }

    private ResponseEntity<Object> refused(RefusalDetails refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        ProblemDetail problem = ProblemResponses.problem(status, refusal.code(), status.getReasonPhrase(),
                refusal.message());
        refusal.properties().forEach(problem::setProperty);
        if (refusal.field() != null) {
            ProblemResponses.withErrors(problem, Map.of(refusal.field(), refusal.message()));
        }
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request",
                "one or more fields are invalid");
        return respond(ProblemResponses.withErrors(problem, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Optional<PayloadTooLarge> tooLarge = causeOf(ex, PayloadTooLarge.class);
        if (tooLarge.isPresent()) {
            return respond(PayloadTooLarge.problem());
        }
        // Jackson's message quotes the offending input; only its location is safe to show.
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request",
                "the body is not valid JSON of the expected shape"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && "about".equals(problem.getType().getScheme())) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            problem.setType(ProblemResponses.type(status.name().toLowerCase().replace('_', '-')));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
