namespace DanVan.Pipeline.Reliability;

/// <summary>
/// Named places between two writes of ingestion and publication. In production nothing happens there; the
/// reliability tests register an implementation that fails at one of them, to prove that the next attempt
/// repairs whatever a crash at that place leaves behind.
/// </summary>
public interface ICrashPoints
{
    void Reached(string step);
}

/// <summary>The production implementation: every step passes.</summary>
public sealed class NoCrashPoints : ICrashPoints
{
    public void Reached(string step)
    {
    }
}

/// <summary>The steps, in the order they are reached.</summary>
public static class CrashStep
{
    public const string Archived = "ingest:archived";
    public const string Claimed = "ingest:claimed";
    public const string ValuesWritten = "ingest:values-written";
    public const string VersionSwitched = "ingest:version-switched";
    public const string FeedbackWritten = "ingest:feedback-written";
    public const string Audited = "ingest:audited";
    public const string Completed = "ingest:completed";
    public const string PublishedVersion = "publish:version-written";
    public const string PublishedLatest = "publish:latest-written";

    // The feedback comes before the values: everything that reads the file is done before anything of it is stored.
    public static readonly string[] Ingest = [Archived, Claimed, FeedbackWritten, ValuesWritten, VersionSwitched, Audited, Completed];
    public static readonly string[] Publish = [PublishedVersion, PublishedLatest];
}
