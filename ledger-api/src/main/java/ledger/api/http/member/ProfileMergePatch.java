package ledger.api.http.member;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import ledger.api.http.support.ApiProblem;

/**
 * A profile edit as a JSON merge patch (RFC 7396, {@code application/merge-patch+json}): a member
 * (field) set to a value changes it, set to {@code null} removes it, absent leaves it. The values
 * are read and validated as the JSON edit's are (the same record, the same rules for text); which
 * fields may be removed is the aggregate's rule (required ones: 400 {@code field-required}).
 */
@Component
class ProfileMergePatch {

    /** What the patch asks: the changed values and the names of the removed fields. */
    record Edit(MemberRequests.ProfileChange changes, Set<String> removed) {
    }

    private final ObjectMapper json;
    private final Validator validator;

    ProfileMergePatch(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    Edit read(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "a merge patch of the profile is a JSON"
                    + " object", null);
        }
        MemberRequests.ProfileChange changes;
        try {
            // nulls read as absent values here; unknown members and ill-formed text are refused as in JSON edits
            changes = json.treeToValue(patch, MemberRequests.ProfileChange.class);
        } catch (JsonProcessingException e) {
            throw new HttpMessageNotReadableException("the merge patch does not fit the profile", e, null);
        }
        Set<ConstraintViolation<MemberRequests.ProfileChange>> violations = validator.validate(changes);
        if (!violations.isEmpty()) {
            ConstraintViolation<MemberRequests.ProfileChange> first = violations.iterator().next();
            String field = first.getPropertyPath().toString();
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-field", field + " " + first.getMessage(), field);
        }
        Set<String> removed = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                removed.add(member.getKey());
            }
        }
        return new Edit(changes, removed);
    }
}
