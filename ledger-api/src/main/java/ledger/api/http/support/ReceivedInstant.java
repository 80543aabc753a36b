package ledger.api.http.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An instant at which something reached the company: from 1970 to one day after now (clock skew of
 * the caller). Anything else is a typo or an attack, and would be stored for ever in the trail.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ReceivedInstant.Validator.class)
public @interface ReceivedInstant {

    String message() default "must be between 1970-01-01T00:00:00Z and one day from now";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** How far ahead of this node's clock a caller's clock may be. */
    Duration SKEW = Duration.ofDays(1);

    final class Validator implements ConstraintValidator<ReceivedInstant, Instant> {

        private final Clock clock;

        public Validator(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(Instant.EPOCH) && !value.isAfter(clock.instant().plus(SKEW)));
        }
    }
}
