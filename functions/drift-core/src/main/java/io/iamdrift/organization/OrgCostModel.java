package io.iamdrift.organization;

import java.util.Locale;

/**
 * Wall time and cost of one organization run, computed from measured inputs and stated price and limit
 * assumptions (never hand-typed results). Used by {@code scripts/bench-org.sh}.
 *
 * <p>Model: the hub lists the accounts ({@code ceil(N/20)} ListAccounts pages, at most {@code orgListRate} pages per
 * second) and enqueues them (measured seconds per 1,000 messages); the member audits then run in
 * {@code ceil(N / concurrency)} waves (SQS event source, batch size 1, Lambda reserved concurrency), each as long
 * as one member audit; the first wave also pays a cold start. One member audit on real AWS is the measured pure
 * audit time (scaled by the Lambda's CPU share) plus its measured API calls times an assumed real-AWS latency plus
 * an assumed wait for IAM to generate the credential report. Requests are counted per account from the
 * measured run (S3 GET/PUT/LIST, SQS send/receive/delete).
 */
public final class OrgCostModel {

    private OrgCostModel() {}

    /**
     * Measured figures.
     *
     * @param memberMotoSeconds one member audit of a {@code deployers}-deployer account against moto (assume, collect,
     *     audit, report, result), wall seconds
     * @param pureAuditSeconds the audit alone of the same snapshot (no I/O), seconds on this machine
     * @param iamCalls IAM and STS calls of one member audit (AssumeRole, GetCallerIdentity, GetAccountAuthorizationDetails
     *     pages, credential report)
     * @param s3Gets S3 GETs of one member audit (baselines)
     * @param s3Puts S3 PUTs of one member audit (report JSON, Markdown, latest, account result)
     * @param s3Lists S3 LISTs of one member audit besides the completion check (baseline listing)
     * @param hubSecondsPer1000 the hub's enqueue time per 1,000 accounts (SendMessageBatch of 10)
     */
    public record Measured(
            int accounts,
            int deployers,
            double memberMotoSeconds,
            double pureAuditSeconds,
            int iamCalls,
            int s3Gets,
            int s3Puts,
            int s3Lists,
            double hubSecondsPer1000) {}

    /**
     * Assumptions, stated in the output.
     *
     * @param concurrency the member function's reserved concurrency
     * @param memoryMb the member function's memory
     * @param cpuShare Lambda's vCPU share at that memory relative to one core of the measuring machine (1,769 MB = 1 vCPU)
     * @param apiLatencySeconds assumed round trip of one IAM/STS/S3 call on real AWS
     * @param credentialReportWaitSeconds assumed wait for GenerateCredentialReport to complete
     * @param coldStartSeconds assumed Java cold start of one member function
     * @param orgListRate Organizations ListAccounts calls per second the hub may make
     * @param stsRateLimit STS requests per second per account (the hub account makes every AssumeRole)
     * @param lambdaGbSecond price per GB-second (x86)
     * @param lambdaPerMillion price per million Lambda requests
     * @param sqsPerMillion price per million SQS requests (standard queue, 64 KB chunks)
     * @param s3PutPer1000 price per 1,000 PUT/LIST
     * @param s3GetPer1000 price per 1,000 GET
     */
    public record Assumptions(
            int concurrency,
            int memoryMb,
            double cpuShare,
            double apiLatencySeconds,
            double credentialReportWaitSeconds,
            double coldStartSeconds,
            double orgListRate,
            double stsRateLimit,
            double lambdaGbSecond,
            double lambdaPerMillion,
            double sqsPerMillion,
            double s3PutPer1000,
            double s3GetPer1000) {

        /** us-east-1 list prices as of 2025 and the published STS quota; see the note printed with them. */
        public static Assumptions defaults(int concurrency, int memoryMb) {
            return new Assumptions(
                    concurrency,
                    memoryMb,
                    Math.min(1.0, memoryMb / 1769.0),
                    0.15,
                    10.0,
                    4.0,
                    1.0,
                    600.0,
                    0.0000166667,
                    0.20,
                    0.40,
                    0.005,
                    0.0004);
        }
    }

    /** The estimate for one run. */
    public record Estimate(
            double hubSeconds,
            double memberSeconds,
            int waves,
            double wallSeconds,
            double gbSeconds,
            long lambdaRequests,
            long sqsRequests,
            long s3Puts,
            long s3Gets,
            double assumeRolePerSecond,
            double lambdaCost,
            double sqsCost,
            double s3Cost,
            double totalCost) {}

    public static Estimate estimate(Measured m, Assumptions a) {
        int n = m.accounts();
        int pages = (n + 19) / 20;
        double hub = pages / a.orgListRate() + m.hubSecondsPer1000() * n / 1000.0;
        double member = m.pureAuditSeconds() / a.cpuShare()
                + m.iamCalls() * a.apiLatencySeconds()
                + (m.s3Gets() + m.s3Puts() + m.s3Lists() + 1) * a.apiLatencySeconds()
                + a.credentialReportWaitSeconds();
        int waves = (n + a.concurrency() - 1) / a.concurrency();
        // the set's completion check: one LIST page (1,000 keys) per member, plus the finalizer's GET of every result
        long listPages = (n + 999) / 1000;
        double finalizer = n * a.apiLatencySeconds() / 16 + 3 * a.apiLatencySeconds(); // 16 parallel GETs
        double wall = hub + a.coldStartSeconds() + waves * member + finalizer;
        double gbSeconds = (n * (member + listPages * a.apiLatencySeconds())
                        + hub
                        + finalizer
                        + Math.min(n, a.concurrency()) * a.coldStartSeconds())
                * a.memoryMb()
                / 1024.0;
        long lambdaRequests = n + 2; // members, hub, the finalize message
        long sqsRequests = (n + 9) / 10 + 2L * n + 3; // SendMessageBatch, receive + delete per message, finalize
        long s3Puts = (long) n * (m.s3Puts() + m.s3Lists() + listPages) + 5; // + manifest, summary x3, alert state
        long s3Gets = (long) n * (m.s3Gets() + 1) + 2; // + the finalizer's read of every result
        double lambdaCost = gbSeconds * a.lambdaGbSecond() + lambdaRequests * a.lambdaPerMillion() / 1e6;
        double sqsCost = sqsRequests * a.sqsPerMillion() / 1e6;
        double s3Cost = s3Puts * a.s3PutPer1000() / 1000 + s3Gets * a.s3GetPer1000() / 1000;
        double assumeRate = Math.min(a.concurrency(), n) / member;
        return new Estimate(
                hub,
                member,
                waves,
                wall,
                gbSeconds,
                lambdaRequests,
                sqsRequests,
                s3Puts,
                s3Gets,
                assumeRate,
                lambdaCost,
                sqsCost,
                s3Cost,
                lambdaCost + sqsCost + s3Cost);
    }

    /** The estimate as the lines the bench prints. */
    public static String render(Measured m, Assumptions a, Estimate e) {
        StringBuilder sb = new StringBuilder();
        sb.append(f(
                "organization run: %d accounts x %d deployers, reserved concurrency %d, %d MB%n",
                m.accounts(), m.deployers(), a.concurrency(), a.memoryMb()));
        sb.append(f(
                "measured: member audit against moto %.2f s (pure audit %.3f s), %d IAM/STS calls, S3 %d GET %d PUT %d LIST; hub enqueue %.2f s per 1,000%n",
                m.memberMotoSeconds(),
                m.pureAuditSeconds(),
                m.iamCalls(),
                m.s3Gets(),
                m.s3Puts(),
                m.s3Lists(),
                m.hubSecondsPer1000()));
        sb.append(f(
                "assumed: %.0f ms per AWS call, credential report %.0f s, cold start %.0f s, CPU share %.2f, ListAccounts %.1f/s, STS quota %.0f/s%n",
                a.apiLatencySeconds() * 1000,
                a.credentialReportWaitSeconds(),
                a.coldStartSeconds(),
                a.cpuShare(),
                a.orgListRate(),
                a.stsRateLimit()));
        sb.append(f(
                "assumed prices (us-east-1): Lambda $%.10f/GB-s + $%.2f/M requests, SQS $%.2f/M, S3 $%.4f/1k PUT+LIST, $%.4f/1k GET%n",
                a.lambdaGbSecond(), a.lambdaPerMillion(), a.sqsPerMillion(), a.s3PutPer1000(), a.s3GetPer1000()));
        sb.append(f(
                "hub %.1f s; one member audit on AWS %.1f s; %d waves; wall time %.1f s (%.1f min)%n",
                e.hubSeconds(), e.memberSeconds(), e.waves(), e.wallSeconds(), e.wallSeconds() / 60));
        sb.append(f(
                "AssumeRole rate %.1f/s of the %.0f/s STS quota%s%n",
                e.assumeRolePerSecond(),
                a.stsRateLimit(),
                e.assumeRolePerSecond() > a.stsRateLimit() ? " (OVER: lower the concurrency)" : ""));
        sb.append(f(
                "Lambda %.0f GB-s + %d requests = $%.4f; SQS %d requests = $%.4f; S3 %d PUT/LIST + %d GET = $%.4f%n",
                e.gbSeconds(),
                e.lambdaRequests(),
                e.lambdaCost(),
                e.sqsRequests(),
                e.sqsCost(),
                e.s3Puts(),
                e.s3Gets(),
                e.s3Cost()));
        sb.append(f(
                "cost per run $%.4f; per month at one run a day $%.2f (free tiers ignored)%n",
                e.totalCost(), e.totalCost() * 30));
        return sb.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
