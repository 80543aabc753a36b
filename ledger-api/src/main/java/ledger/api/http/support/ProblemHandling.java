package ledger.api.http.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import ledger.api.infrastructure.database.DatabaseFailures;
import ledger.core.crypto.MasterKeyUnavailable;
import ledger.core.erasure.ErasureJournalUnavailable;
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
        if (causeOf(exception, ErasureJournalUnavailable.class).isPresent()) {
            // the journal logged the outage once; nothing of the erasure committed
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "erasure-journal-unavailable",
                            "Service unavailable", "the erasure journal cannot be written, so nothing was erased;"
                                    + " retry later"));
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
        Optional<WellFormedText.IllFormedText> illFormed = causeOf(ex, WellFormedText.IllFormedText.class);
        if (illFormed.isPresent()) {
            String field = illFormed.get().getPath().isEmpty() ? "body" : fieldPath(illFormed.get().getPath());
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request",
                    "one or more fields are invalid");
            return respond(ProblemResponses.withErrors(problem, Map.of(field, WellFormedText.MESSAGE)));
        }
        // Jackson's message quotes the offending input: only the field and what it allows are shown.
        Optional<InvalidFormatException> enumValue = causeOf(ex, InvalidFormatException.class)
                .filter(e -> e.getTargetType() != null && e.getTargetType().isEnum());
        if (enumValue.isPresent() && !enumValue.get().getPath().isEmpty()) {
            String field = fieldPath(enumValue.get().getPath());
            String allowed = Arrays.stream(enumValue.get().getTargetType().getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request",
                    "one or more fields are invalid");
            return respond(ProblemResponses.withErrors(problem, Map.of(field, "must be one of: " + allowed)));
        }
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request",
                "the body is not valid JSON of the expected shape"));
    }

    /** {@code consents[0].purpose}: field names and indexes of the request's own shape, never a value. */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /** A path or query parameter of the wrong type: named, with what it must be, never its value. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        name = name == null ? "parameter" : name;
        Class<?> type = ex.getRequiredType();
        String expected;
        if (type != null && type.isEnum()) {
            expected = "must be one of: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        } else if (type == UUID.class) {
            expected = "must be a UUID";
        } else if (type != null && Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type))) {
            expected = "must be a number";
        } else {
            expected = "has an invalid format";
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "Invalid request", name + " " + expected);
        return respond(ProblemResponses.withErrors(problem, Map.of(name, expected)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own details may quote the request (a content type, a method, a path): replace them.
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        ProblemDetail problem = ProblemResponses.problem(status, ProblemResponses.code(status),
                status.getReasonPhrase(), safeDetail(ex, status));
        return new ResponseEntity<>(problem, headers, statusCode);
    }

    /** A detail for Spring MVC's own exceptions that names only what the service itself declares. */
    private static String safeDetail(Exception ex, HttpStatus status) {
        if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
            return "the request's content type is not supported here; supported: "
                    + MediaType.toString(unsupported.getSupportedMediaTypes());
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            return "none of the accepted media types can be produced here; available: "
                    + MediaType.toString(notAcceptable.getSupportedMediaTypes());
        }
        if (ex instanceof HttpRequestMethodNotSupportedException method && method.getSupportedMethods() != null) {
            return "the method is not supported here; supported: " + String.join(", ", method.getSupportedMethods());
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return "the parameter " + missing.getParameterName() + " is required";
        }
        if (ex instanceof MissingRequestHeaderException missing) {
            return "the header " + missing.getHeaderName() + " is required";
        }
        if (status == HttpStatus.NOT_FOUND) {
            return "no such resource";
        }
        return "the request cannot be processed (" + status.getReasonPhrase() + ")";
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
