package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void keysAreCaseInsensitive() {
        RequestContext c = RequestContext.of(Map.of("aws:PrincipalTag/Team", List.of("blue")));
        assertThat(c.values("AWS:principaltag/team")).containsExactly("blue");
        assertThat(c.values("aws:username")).isNull();
    }

    @Test
    void withReturnsACopyWithOneKeyReplaced() {
        RequestContext a = RequestContext.empty().with("aws:SourceIp", List.of("10.0.0.1"));
        RequestContext b = a.with("AWS:SOURCEIP", List.of("10.0.0.2"));
        assertThat(a.values("aws:sourceip")).containsExactly("10.0.0.1");
        assertThat(b.values("aws:sourceip")).containsExactly("10.0.0.2");
        assertThat(RequestContext.empty().isEmpty()).isTrue();
    }
}
