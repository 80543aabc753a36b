package ledger.api.http.console;

import java.util.Optional;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import ledger.api.http.support.ApiProblem;
import ledger.core.shared.Refusal;
import ledger.core.shared.RefusalDetails;

/**
 * The console's errors as pages: a refusal says why in the ledger's own words (never personal data,
 * never the input echoed); anything else is a plain "something went wrong", logged without details.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    /** A refusal of the ledger, in its words. */
    record Refused(HttpStatus status, String code, String message) {
    }

    static Optional<Refused> refusal(Throwable failure) {
        Optional<RefusalDetails> details = causeOf(failure, Refusal.class).map(Refusal::details)
                .or(() -> causeOf(failure, CommandExecutionException.class).flatMap(e -> e.getDetails())
                        .filter(RefusalDetails.class::isInstance).map(RefusalDetails.class::cast));
        if (details.isPresent()) {
            RefusalDetails d = details.get();
            HttpStatus status = switch (d.kind()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
                case INVALID -> HttpStatus.BAD_REQUEST;
                default -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            return Optional.of(new Refused(status, d.code(), d.message()));
        }
        Optional<ApiProblem> problem = causeOf(failure, ApiProblem.class);
        if (problem.isPresent()) {
            return Optional.of(new Refused(problem.get().status(), problem.get().code(), problem.get().getMessage()));
        }
        if (causeOf(failure, AggregateNotFoundException.class).isPresent()) {
            return Optional.of(new Refused(HttpStatus.NOT_FOUND, "not-found", "no such member or request"));
        }
        return Optional.empty();
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badInput(Exception exception) {
        return page(HttpStatus.BAD_REQUEST, "bad-input", "A value in the address is missing or not valid.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView any(Exception exception) {
        Optional<Refused> refused = refusal(exception);
        if (refused.isPresent()) {
            return page(refused.get().status(), refused.get().code(), refused.get().message());
        }
        // the exception's message may quote data: only its type is logged
        log.error("console request failed: {}", exception.getClass().getName());
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "error", "Something went wrong; nothing was changed by it.");
    }

    private static ModelAndView page(HttpStatus status, String code, String message) {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("code", code);
        page.addObject("message", message);
        page.addObject("me", ConsoleFrame.current());
        return page;
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
