using System.CommandLine;
using System.CommandLine.Parsing;

namespace DanVan.Host.Cli;

/// <summary>
/// Says in Vietnamese what System.CommandLine found wrong with a command line (its own messages are English):
/// an unknown option (with the nearest real one), a missing value, a missing required option or argument.
/// </summary>
public static class UsageErrors
{
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var messages = new List<string>();
        var afterUnknownOption = false;
        foreach (var token in parse.UnmatchedTokens)
        {
            // "--perod 2025-Q3": the value belongs to the mistyped option, it is not a second mistake.
            var isValueOfUnknown = afterUnknownOption && !token.StartsWith('-');
            afterUnknownOption = token.StartsWith('-');
            if (isValueOfUnknown)
            {
                continue;
            }
            if (token.StartsWith('-'))
            {
                var near = Nearest(token, command.Options.SelectMany(o => o.Aliases.Append(o.Name)));
                messages.Add($"Tùy chọn không hợp lệ: {token}" + (near is null ? "." : $" (có phải ý bạn là {near}?)"));
            }
            else if (command.Subcommands.Count > 0)
            {
                messages.Add($"Không có việc '{token}': dùng {string.Join(", ", command.Subcommands.Select(c => c.Name))}.");
            }
            else
            {
                messages.Add($"Thừa đối số: '{token}'.");
            }
        }
        if (command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count == 0 && parse.Errors.Count > 0)
        {
            messages.Add($"Cần chọn một việc: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.");
        }
        foreach (var error in parse.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult { Implicit: true } o:
                    messages.Add($"Thiếu tùy chọn bắt buộc {o.Option.Name}.");
                    break;
                case OptionResult { Tokens.Count: 0 } o:
                    messages.Add($"Thiếu giá trị cho {o.Option.Name}.");
                    break;
                case OptionResult { Tokens.Count: > 1 } o when o.Option.Arity.MaximumNumberOfValues == 1:
                    messages.Add($"Tùy chọn {o.Option.Name} chỉ được ghi một lần.");
                    break;
                case ArgumentResult { Tokens.Count: 0, Parent: CommandResult } a:
                    messages.Add($"Thiếu {a.Argument.Name}.");
                    break;
                case ArgumentResult or OptionResult:
                    // Our own parsers' messages (e.g. a malformed period) are already Vietnamese.
                    messages.Add(error.Message);
                    break;
            }
        }
        // A value that is another option's name ("--unit --json") is a missing value, not a unit called "--json".
        foreach (var result in command.Options.Select(parse.GetResult).OfType<OptionResult>())
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value.StartsWith('-')
                && command.Options.Concat(CommandLine.Root.Options).Any(o => o.Name == result.Tokens[0].Value || o.Aliases.Contains(result.Tokens[0].Value)))
            {
                messages.Add($"Thiếu giá trị cho {result.Option.Name}.");
            }
        }
        if (messages.Count == 0 && parse.Errors.Count > 0)
        {
            messages.AddRange(parse.Errors.Select(e => "Lệnh không hợp lệ: " + e.Message));
        }
        return messages.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The declared option within two edits of what was typed, if exactly one is nearest.</summary>
    private static string? Nearest(string typed, IEnumerable<string> names)
    {
        var scored = names.Distinct(StringComparer.Ordinal).Select(n => (Name: n, Distance: Distance(typed, n))).Where(s => s.Distance <= 2).OrderBy(s => s.Distance).ToArray();
        return scored.Length > 0 && (scored.Length == 1 || scored[0].Distance < scored[1].Distance) ? scored[0].Name : null;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
