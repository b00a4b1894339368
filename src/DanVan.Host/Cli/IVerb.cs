using System.CommandLine;

namespace DanVan.Host.Cli;

/// <summary>
/// One `danvan` verb: declares its arguments and options as a System.CommandLine <see cref="Command"/>, and runs on a
/// parse that already passed (no unknown option, no missing value, every required option given). Exit codes
/// (docs/system-contract.md §2): 0 done, 1 the input was refused, 2 wrong usage, anything else an internal failure.
/// People read Vietnamese on stdout; --json is for machines.
/// </summary>
public interface IVerb
{
    /// <summary>Name, Vietnamese description, arguments and options; `danvan VERB --help` is printed from it.</summary>
    Command Command { get; }

    Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken);
}

/// <summary>Where a verb writes; tests hand in StringWriters.</summary>
public sealed record VerbConsole(TextWriter Out, TextWriter Error);

public static class ExitCodes
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Internal = 3;

    /// <summary>The storage account did not answer for longer than the verb waits (nothing was changed by the verb, or the upload is stored).</summary>
    public const int StorageUnavailable = 4;

    /// <summary>The upload is stored but the pipeline had not answered within the wait (`submit`).</summary>
    public const int NotAnswered = 5;
}
