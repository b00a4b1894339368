using System.CommandLine;
using System.CommandLine.Help;

namespace DanVan.Host.Cli;

/// <summary>
/// Parses `danvan VERB ...` against the commands the verb classes in Verbs/ declare, then runs the verb.
/// Wrong usage (unknown verb or option, missing value, missing required option) is exit 2 with a Vietnamese
/// message and the verb's help; `--help` anywhere prints help and exits 0.
/// </summary>
public static class CommandLine
{
    public static IReadOnlyList<IVerb> Verbs { get; } = typeof(CommandLine).Assembly.GetTypes()
        .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Command.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>All verbs under one root, so a verb's help shows its full path ("danvan keys issue").</summary>
    internal static Command Root { get; } = BuildRoot();

    public static async Task<int> RunAsync(string[] args, VerbConsole console, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            // `danvan help VERB` is `danvan VERB --help`.
            if (args.Length > 1 && args[0] == "help" && Verb(args[1]) is not null)
            {
                return await RunAsync([.. args[1..], "--help"], console, cancellationToken);
            }
            await console.Out.WriteAsync(HelpText.ForRoot(Verbs.Select(v => v.Command)));
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Done;
        }
        var verb = Verb(args[0]);
        if (verb is null)
        {
            await console.Error.WriteLineAsync($"Không có lệnh '{args[0]}'. Gõ 'danvan help' để xem các lệnh.");
            return ExitCodes.Usage;
        }

        var parse = Root.Parse(args);
        if (parse.Action is HelpAction)
        {
            await console.Out.WriteAsync(HelpText.For(parse.CommandResult.Command));
            return ExitCodes.Done;
        }
        if (UsageErrors.Describe(parse) is { Count: > 0 } errors)
        {
            foreach (var error in errors)
            {
                await console.Error.WriteLineAsync(error);
            }
            await console.Error.WriteLineAsync();
            await console.Error.WriteAsync(HelpText.For(parse.CommandResult.Command));
            return ExitCodes.Usage;
        }
        try
        {
            return await verb.RunAsync(parse, console, cancellationToken);
        }
        catch (UsageException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            await console.Error.WriteLineAsync();
            await console.Error.WriteAsync(HelpText.For(parse.CommandResult.Command));
            return ExitCodes.Usage;
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            // --storage named an Azure account and no Entra ID sign-in was found on this machine.
            await console.Error.WriteLineAsync("Chưa đăng nhập Azure để dùng tài khoản lưu trữ: chạy az login (hoặc azd auth login) rồi thử lại.");
            await console.Error.WriteLineAsync("(" + ex.GetType().Name + ": " + FirstLine(ex.Message) + ")");
            return ExitCodes.Refused;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 403)
        {
            // Signed in, but without the data role (infra grants the deploying principal Table Data Contributor on AccessKeys only).
            await console.Error.WriteLineAsync("Tài khoản Azure đang đăng nhập không có quyền dữ liệu cần cho lệnh này trên kho lưu trữ (xem docs/deploy-azure.md, phần quyền).");
            await console.Error.WriteLineAsync("(" + ex.GetType().Name + ": " + FirstLine(ex.Message) + ")");
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file the operator named cannot be read or written: their input, not our failure.
            await console.Error.WriteLineAsync("Không đọc hoặc ghi được tệp: " + ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (DanVan.Pipeline.Ingest.UploadService.IsStorageFault(ex) || ex is DanVan.Pipeline.Ingest.StorageUnavailableException)
        {
            // Storage down or unreachable: a state of the system, not a bug, and no stack trace for people.
            await console.Error.WriteLineAsync(DanVan.Pipeline.Ingest.StorageUnavailableException.MessageVi);
            await console.Error.WriteLineAsync("(" + ex.GetType().Name + ": " + FirstLine(ex.Message) + ")");
            return ExitCodes.StorageUnavailable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // People get one line; the detail is for the technical staff, without a stack trace.
            await console.Error.WriteLineAsync("Lỗi hệ thống khi chạy lệnh '" + verb.Command.Name + "'. Vui lòng báo cho bộ phận kỹ thuật.");
            await console.Error.WriteLineAsync("(" + ex.GetType().Name + ": " + FirstLine(ex.Message) + ")");
            return ExitCodes.Internal;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static IVerb? Verb(string name) => Verbs.FirstOrDefault(v => v.Command.Name == name);

    private static Command BuildRoot()
    {
        var root = new Command("danvan", HelpText.Title)
        {
            new HelpOption("--help", "-h") { Description = "hiện hướng dẫn này", Recursive = true },
        };
        foreach (var verb in Verbs)
        {
            root.Add(verb.Command);
        }
        return root;
    }
}

/// <summary>Wrong usage found by a verb after parsing (e.g. a period that is not a quarter): exit code 2 with the verb's help.</summary>
public sealed class UsageException(string messageVi) : Exception(messageVi);
