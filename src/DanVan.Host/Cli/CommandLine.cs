using System.Text;

namespace DanVan.Host.Cli;

/// <summary>Dispatches `danvan VERB ...` to the verb classes in Verbs/.</summary>
public static class CommandLine
{
    public static IReadOnlyList<IVerb> Verbs { get; } = typeof(CommandLine).Assembly.GetTypes()
        .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)
        .ToArray();

    public static async Task<int> RunAsync(string[] args, VerbConsole console, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await PrintHelpAsync(console.Out);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Done;
        }
        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await console.Error.WriteLineAsync($"Không có lệnh '{args[0]}'. Gõ 'danvan help' để xem các lệnh.");
            return ExitCodes.Usage;
        }
        try
        {
            return await verb.RunAsync(new VerbArgs(args.Skip(1), verb.Flags), console, cancellationToken);
        }
        catch (UsageException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            await console.Error.WriteLineAsync("Cách dùng: " + verb.Usage);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file the operator named cannot be read or written: their input, not our failure.
            await console.Error.WriteLineAsync("Không đọc hoặc ghi được tệp: " + ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync("Lỗi hệ thống khi chạy lệnh '" + verb.Name + "'. Chi tiết (cho bộ phận kỹ thuật):");
            await console.Error.WriteLineAsync(ex.ToString());
            return ExitCodes.Internal;
        }
    }

    private static async Task PrintHelpAsync(TextWriter output)
    {
        var sb = new StringBuilder("DanVan — tổng hợp báo cáo công tác dân vận\n\nCác lệnh:\n");
        foreach (var v in Verbs)
        {
            sb.Append("  ").AppendLine(v.Usage);
        }
        await output.WriteAsync(sb.ToString());
    }
}

/// <summary>Wrong usage: exit code 2 with the verb's usage line.</summary>
public sealed class UsageException(string messageVi) : Exception(messageVi);
