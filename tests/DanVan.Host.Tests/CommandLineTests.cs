using System.CommandLine;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

public sealed class CommandLineTests
{
    /// <summary>Every verb and every verb's sub-verb (keys issue, …), as typed after `danvan`.</summary>
    public static TheoryData<string[]> EveryCommand()
    {
        var data = new TheoryData<string[]>();
        foreach (var verb in CommandLine.Verbs)
        {
            data.Add([verb.Command.Name]);
            foreach (var sub in verb.Command.Subcommands)
            {
                data.Add([verb.Command.Name, sub.Name]);
            }
        }
        return data;
    }

    [Fact]
    public async Task Help_lists_every_verb_and_exits_0()
    {
        foreach (var help in new[] { "help", "--help", "-h" })
        {
            var r = await Cli.RunAsync(help);

            Assert.Equal(ExitCodes.Done, r.ExitCode);
            Assert.NotEmpty(CommandLine.Verbs);
            foreach (var verb in CommandLine.Verbs)
            {
                Assert.Contains("danvan " + verb.Command.Name, r.Out, StringComparison.Ordinal);
                Assert.Contains(verb.Command.Description!, r.Out, StringComparison.Ordinal);
            }
        }
        // Verbs of docs/system-contract.md §2 that must never go missing.
        foreach (var name in new[] { "serve", "calendar", "units", "template", "check", "submit", "status", "consolidate", "keys", "remind" })
        {
            Assert.Contains(CommandLine.Verbs, v => v.Command.Name == name);
        }
    }

    /// <summary>`danvan VERB --help` prints the verb's help and runs nothing (for serve: starts no server).</summary>
    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Verb_help_prints_its_options_in_Vietnamese_and_exits_0(string[] path)
    {
        var command = path.Aggregate(CommandLine.Root, (c, name) => c.Subcommands.Single(s => s.Name == name));

        foreach (var help in new[] { "--help", "-h" })
        {
            var r = await Cli.RunAsync([.. path, help]);

            Assert.True(r.ExitCode == ExitCodes.Done, r.ToString());
            Assert.Empty(r.Error);
            Assert.StartsWith("danvan " + string.Join(" ", path) + " — ", r.Out, StringComparison.Ordinal);
            Assert.Contains("Cách dùng: danvan " + string.Join(" ", path), r.Out, StringComparison.Ordinal);
            Assert.Contains("Tùy chọn:", r.Out, StringComparison.Ordinal);
            foreach (var option in command.Options)
            {
                Assert.Contains(option.Name, r.Out, StringComparison.Ordinal);
                Assert.Contains(option.Description!, r.Out, StringComparison.Ordinal);
            }
            foreach (var argument in command.Arguments)
            {
                Assert.Contains(argument.Name, r.Out, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Help_before_a_verb_name_is_that_verbs_help()
    {
        var viaHelp = await Cli.RunAsync("help", "template");
        var viaOption = await Cli.RunAsync("template", "--help");

        Assert.Equal(ExitCodes.Done, viaHelp.ExitCode);
        Assert.Equal(viaOption.Out, viaHelp.Out);
    }

    [Fact]
    public async Task No_arguments_prints_help_as_wrong_usage()
    {
        var r = await Cli.RunAsync();

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("danvan calendar", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_is_wrong_usage_with_a_Vietnamese_message()
    {
        var r = await Cli.RunAsync("frobnicate", "--json");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("Không có lệnh 'frobnicate'", r.Error, StringComparison.Ordinal);
        Assert.Contains("danvan help", r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    /// <summary>The bug that started this: a mistyped option was silently dropped and the verb ran without it.</summary>
    [Theory]
    [InlineData("submit", "f.xlsx", "--unit", "21211", "--perod", "2025-Q3")]
    [InlineData("template", "--unit", "21211", "--perod", "2026-Q4", "-o", "x.xlsx")]
    [InlineData("status", "--period", "2025-Q3", "--jsn")]
    [InlineData("units", "--att", "2025-07-01")]
    [InlineData("keys", "issue", "--role", "agency", "--unti", "21211")]
    [InlineData("serve", "--prot", "0")]
    public async Task A_mistyped_option_is_wrong_usage_naming_it_in_Vietnamese(params string[] args)
    {
        var typo = args.First(a => a.StartsWith("--", StringComparison.Ordinal) && !IsDeclared(args, a));

        var r = await Cli.RunAsync(args);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        var first = r.Error.Split('\n')[0];
        Assert.StartsWith("Tùy chọn không hợp lệ: " + typo, first, StringComparison.Ordinal);
        Assert.Contains("Cách dùng: danvan " + args[0], r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Out);
    }

    [Fact]
    public async Task A_typo_is_answered_with_the_nearest_real_option()
    {
        var r = await Cli.RunAsync("submit", "f.xlsx", "--unit", "21211", "--perod", "2025-Q3");

        Assert.Contains("có phải ý bạn là --period?", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-Q3", r.Error, StringComparison.Ordinal); // its value is not a second mistake
    }

    [Theory]
    [InlineData("--unit")]
    [InlineData("--period")]
    [InlineData("-o")]
    public async Task An_option_without_its_value_is_wrong_usage(string last)
    {
        string[] all = ["template", "--unit", "21211", "--period", "2026-Q4", "-o", "x.xlsx"];
        var at = Array.IndexOf(all, last);
        string[] args = [.. all[..at], .. all[(at + 2)..], last];

        var r = await Cli.RunAsync(args);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        var name = last == "-o" ? "--output" : last;
        Assert.StartsWith($"Thiếu giá trị cho {name}.", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unit", "submit", "f.xlsx", "--unit", "--json", "--storage", "UseDevelopmentStorage=true")]
    [InlineData("--unit", "template", "--period", "2026-Q4", "-o", "x.xlsx", "--unit", "-o")]
    [InlineData("--output", "template", "--unit", "21211", "--period", "2026-Q4", "-o", "-h")]
    public async Task A_value_that_is_another_option_is_a_missing_value(string option, params string[] args)
    {
        var r = await Cli.RunAsync(args);

        Assert.True(r.ExitCode == ExitCodes.Usage, r.ToString());
        Assert.StartsWith($"Thiếu giá trị cho {option}.", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_or_argument_is_wrong_usage_naming_it()
    {
        var option = await Cli.RunAsync("reopen", "--period", "2025-Q3", "--unit", "21211");
        var argument = await Cli.RunAsync("calendar", "--json");
        var subVerb = await Cli.RunAsync("keys");
        var unknownSubVerb = await Cli.RunAsync("keys", "burn");

        Assert.Equal(ExitCodes.Usage, option.ExitCode);
        Assert.StartsWith("Thiếu tùy chọn bắt buộc --reason.", option.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, argument.ExitCode);
        Assert.StartsWith("Thiếu NĂM.", argument.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, subVerb.ExitCode);
        Assert.StartsWith("Cần chọn một việc: issue, list, revoke.", subVerb.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknownSubVerb.ExitCode);
        Assert.StartsWith("Không có việc 'burn'", unknownSubVerb.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_given_twice_is_wrong_usage()
    {
        var r = await Cli.RunAsync("units", "--at", "2025-07-01", "--at", "2025-03-01");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.StartsWith("Tùy chọn --at chỉ được ghi một lần.", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_may_be_written_with_an_equals_sign()
    {
        var spaced = await Cli.RunAsync("units", "--at", "2025-07-01");
        var joined = await Cli.RunAsync("units", "--at=2025-07-01");

        Assert.Equal(ExitCodes.Done, joined.ExitCode);
        Assert.Equal(spaced.Out, joined.Out);
    }

    [Fact]
    public void Verb_names_are_unique()
    {
        Assert.Equal(CommandLine.Verbs.Count, CommandLine.Verbs.Select(v => v.Command.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_option_and_argument_has_a_description()
    {
        foreach (var command in CommandLine.Root.Subcommands.SelectMany(c => c.Subcommands.Prepend(c)))
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (Symbol symbol in command.Options.Cast<Symbol>().Concat(command.Arguments))
            {
                Assert.False(string.IsNullOrWhiteSpace(symbol.Description), $"{command.Name} {symbol.Name}");
            }
        }
    }

    private static bool IsDeclared(string[] args, string option)
    {
        Command command = CommandLine.Root;
        foreach (var a in args)
        {
            command = command.Subcommands.FirstOrDefault(s => s.Name == a) ?? command;
        }
        return command.Options.Any(o => o.Name == option || o.Aliases.Contains(option));
    }
}
