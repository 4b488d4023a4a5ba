package io.iamdrift.cli;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.iamdrift.internal.Json;
import io.iamdrift.lambda.EventDispatch;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invoke}: runs the Lambda handler in-process on an event file (no Docker) and prints its response. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description =
                "Runs the Lambda handler for an event file in-process, configured by the Lambda's environment variables.")
final class InvokeCommand implements Callable<Integer> {

    @Option(
            names = "--event",
            required = true,
            paramLabel = "FILE",
            description = "an event from events/, or - for stdin")
    String eventFile;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        Map<String, Object> event;
        try {
            event = Json.EXACT.forType(Map.class).readValue(Inputs.read(eventFile));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(eventFile + ": not a JSON object: " + e.getOriginalMessage());
        }
        Map<String, Object> response;
        try {
            response = EventDispatch.handle(event, new LocalContext());
        } catch (RuntimeException e) {
            throw LiveFailure.explain(e, System.getenv());
        }
        Inputs.write(null, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(response));
        return Main.OK;
    }

    /** The Lambda context of an in-process invocation: a fresh request id, 15 minutes left. */
    static final class LocalContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline = System.currentTimeMillis() + 15 * 60_000L;

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "drift-auditor-local";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:drift-auditor-local";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
