package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} explains every option of every command: none is listed with an empty description. */
class CommandHelpTest {

    @Test
    void everyOptionOfEveryCommandHasHelpText() {
        List<String> bare = new ArrayList<>();
        collect(new CommandLine(new Main()), bare);
        assertThat(bare).isEmpty();
    }

    private static void collect(CommandLine cli, List<String> bare) {
        CommandSpec spec = cli.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            if (String.join("", o.description()).isBlank()) {
                bare.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        cli.getSubcommands().values().forEach(sub -> collect(sub, bare));
    }
}
