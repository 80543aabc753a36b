package ledger.core.request;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ledger.core.member.MemberId;

/** The request book in memory, for fixture tests. */
final class InMemoryRequestBook implements RequestBook {

    private record Entry(MemberId member, RequestType type, Instant receivedAt) {
    }

    private final Map<RequestId, Entry> open = new LinkedHashMap<>();
    private final Map<String, RequestId> answers = new HashMap<>();

    @Override
    public void open(RequestId request, MemberId member, RequestType type, Instant receivedAt) {
        open.put(request, new Entry(member, type, receivedAt));
    }

    @Override
    public boolean claimAnswer(MemberId member, long sequence, RequestId request) {
        return answers.putIfAbsent(member + "#" + sequence, request) == null;
    }

    @Override
    public boolean answered(MemberId member, long sequence) {
        return answers.containsKey(member + "#" + sequence);
    }

    @Override
    public void close(RequestId request) {
        open.remove(request);
    }

    @Override
    public List<OpenRequest> openOf(MemberId member) {
        return open.entrySet().stream().filter(e -> e.getValue().member().equals(member))
                .map(e -> new OpenRequest(e.getKey(), e.getValue().type(), e.getValue().receivedAt()))
                .sorted(Comparator.comparing(OpenRequest::receivedAt))
                .toList();
    }

    boolean isOpen(RequestId request) {
        return open.containsKey(request);
    }

    RequestId answerOf(MemberId member, long sequence) {
        return answers.get(member + "#" + sequence);
    }
}
