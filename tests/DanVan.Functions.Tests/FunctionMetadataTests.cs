using System.Text.Json;

namespace DanVan.Functions.Tests;

/// <summary>
/// The Functions host indexes the app from the functions.metadata the Worker SDK generates at build time;
/// what it says is what Azure will run, so it is checked instead of trusting the attributes.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    [Fact]
    public void Lists_exactly_the_seven_functions()
    {
        var names = Functions.Value.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["ConsolidateNightly", "ConsolidateOnSchedule", "ConsolidatePending", "IngestQueued", "IngestUpload", "ReconcileUploads", "RemindDaily"], names);
    }

    [Fact]
    public void IngestQueued_is_a_queue_trigger_on_the_ingest_requests_queue()
    {
        var trigger = SingleBinding("IngestQueued");
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("ingest-requests", trigger.GetProperty("queueName").GetString());
        Assert.Equal("DanVanStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void ReconcileUploads_is_a_timer_on_its_setting()
    {
        var trigger = SingleBinding("ReconcileUploads");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DanVan:ReconcileSchedule%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void IngestUpload_is_an_event_grid_blob_trigger_on_uploads()
    {
        var trigger = SingleBinding("IngestUpload");
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("uploads/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("DanVanStorage", trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("ConsolidateOnSchedule", "%DanVan:ConsolidationSchedule%")]
    [InlineData("ConsolidateNightly", "%DanVan:NightlySchedule%")]
    [InlineData("ConsolidatePending", "%DanVan:PendingSchedule%")]
    [InlineData("RemindDaily", "%DanVan:ReminderSchedule%")]
    public void Timers_read_their_schedule_from_app_settings(string function, string schedule)
    {
        var trigger = SingleBinding(function);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Every_function_is_dotnet_isolated_in_the_app_assembly()
    {
        Assert.All(Functions.Value, f =>
        {
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
            Assert.Equal("DanVan.Functions.dll", f.GetProperty("scriptFile").GetString());
            Assert.StartsWith("DanVan.Functions.", f.GetProperty("entryPoint").GetString(), StringComparison.Ordinal);
        });
    }

    private static JsonElement SingleBinding(string function)
    {
        var entry = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == function);
        // Exactly one binding: the trigger. Anything else (outputs, inputs) would be logic outside the services.
        return Assert.Single(entry.GetProperty("bindings").EnumerateArray());
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(TestPaths.FunctionsOutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not generated at {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
