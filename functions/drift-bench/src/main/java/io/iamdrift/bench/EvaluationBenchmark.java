package io.iamdrift.bench;

import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evaluations per second on one thread over every request of the evaluation corpus, policies compiled once
 * beforehand (the cached path the auditor and the bulk simulator take). One benchmark operation is one
 * {@code Evaluator.evaluate} call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluationBenchmark {

    /** Must equal the corpus size; checked in setup so the ops count stays honest. */
    static final int CASES = 8930;

    private PolicySet[] sets;
    private Request[] requests;

    @Setup
    public void setup() {
        BenchCorpus.Compiled c = BenchCorpus.compile(BenchCorpus.read(BenchCorpus.dir()));
        if (c.requests().length != CASES) {
            throw new IllegalStateException(
                    "corpus has " + c.requests().length + " cases; update EvaluationBenchmark.CASES");
        }
        sets = c.sets();
        requests = c.requests();
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void evaluateCorpus(Blackhole bh) {
        PolicySet[] s = sets;
        Request[] r = requests;
        for (int i = 0; i < r.length; i++) {
            Decision d = Evaluator.evaluate(s[i], r[i]);
            bh.consume(d);
        }
    }
}
