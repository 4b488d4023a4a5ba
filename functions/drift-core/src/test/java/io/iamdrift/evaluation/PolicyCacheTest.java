package io.iamdrift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    static final String DOC =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    @Test
    void compilesEachDistinctTextOnceAndRelabelsIds() {
        PolicyCache cache = new PolicyCache();
        CompiledPolicy a = cache.compile(DOC, "a");
        CompiledPolicy b = cache.compile(DOC, "b");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(a.policyId()).isEqualTo("a");
        assertThat(b.policyId()).isEqualTo("b");
        assertThat(b.document()).isSameAs(a.document());
        assertThat(cache.compile(DOC, "a")).isSameAs(a);
    }

    @Test
    void theSameTextUnderAnotherKindIsJudgedByThatKindsRules() {
        PolicyCache cache = new PolicyCache();
        cache.compile(DOC, "a");

        assertThatThrownBy(() -> cache.compile(DOC, "a", PolicyKind.RESOURCE, "ResourcePolicy"))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageContaining("Principal");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void startsAfreshPastItsBound() {
        PolicyCache cache = new PolicyCache(2);
        cache.compile(DOC, "a");
        cache.compile(DOC.replace("s3:*", "s3:Get*"), "b");
        cache.compile(DOC.replace("s3:*", "s3:Put*"), "c");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void parseErrorsNameThePolicy() {
        assertThatThrownBy(() -> new PolicyCache().compile("{\"Statement\":[{\"Effect\":\"Alow\"}]}", "inline:deploy"))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageStartingWith("inline:deploy: /Statement/0/Effect");
    }

    @Test
    void isSafeUnderConcurrentUse() throws Exception {
        PolicyCache cache = new PolicyCache();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CompiledPolicy>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String doc = DOC.replace("s3:*", "s3:Get" + (i % 10));
                futures.add(pool.submit(() -> cache.compile(doc, "p")));
            }
            for (Future<CompiledPolicy> f : futures) {
                assertThat(f.get().policyId()).isEqualTo("p");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isEqualTo(10);
    }
}
