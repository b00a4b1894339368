using System.Text.Json;

namespace DanVan.Pipeline.Azurite;

/// <summary>
/// What <c>danvan-azurite.json</c> in a data folder records about the Azurite serving it: enough to find the
/// process again after the launcher's own process died (pid plus start time, since pids are reused) and to
/// start it again on the same ports.
/// </summary>
internal sealed record AzuriteState(int Pid, DateTime ProcessStartUtc, int BlobPort, int QueuePort, int TablePort, DateTime StartedUtc, int LauncherPid)
{
    public const string FileName = "danvan-azurite.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [System.Text.Json.Serialization.JsonIgnore]
    public (int Blob, int Queue, int Table) Ports => (BlobPort, QueuePort, TablePort);

    public static AzuriteState? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            return JsonSerializer.Deserialize<AzuriteState>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // No state, or a torn file from a crash mid-write (writes are atomic, but be lenient): start afresh.
            return null;
        }
    }

    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    public static void Delete(string folder) => File.Delete(Path.Combine(folder, FileName));
}
