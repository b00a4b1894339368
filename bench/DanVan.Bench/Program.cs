using System.Text.Encodings.Web;
using System.Text.Json;
using DanVan.Bench;
using DanVan.Pipeline.Azurite;

// dotnet run -c Release --project bench/DanVan.Bench -- all|ingest|consolidate|year|rush [--quick] [--units N] [--clerks N] [--minutes M] [--out results.json]
var args2 = BenchArgs.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(90));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

if (args2.Verb == ConsolidateOne.Verb)
{
    return await ConsolidateOne.RunAsync(args2, stop.Token);
}
if (args2.Verb is not ("all" or "ingest" or "consolidate" or "year" or "rush"))
{
    Console.Error.WriteLine("usage: DanVan.Bench all|ingest|consolidate|year|rush [--quick] [--units N] [--clerks N] [--minutes M] [--out FILE]");
    return 2;
}

var log = Console.Out;
var loadAtStart = Machine.LoadAverage();
var machine = Machine.Describe();
log.WriteLine($"machine: {machine.Cores} cores, {machine.Cpu}, {machine.MemoryMiB} MiB, {machine.DotNet}, Azurite {machine.Azurite}{(args2.Quick ? " (quick)" : "")}");
IngestResult? ingest = null;
IReadOnlyList<ConsolidationRun>? consolidation = null;
if (args2.Verb is "all" or "ingest")
{
    await using var azurite = await AzuriteLauncher.StartAsync(logger: AzuriteLog.Logger, cancellationToken: stop.Token);
    ingest = await new IngestBench(azurite.ConnectionString, args2.Quick, log).RunAsync(stop.Token);
}
if (args2.Verb is "all" or "consolidate")
{
    consolidation = await new ConsolidateBench(args2.Quick, log).RunAsync(stop.Token);
}

YearResult? year = null;
if (args2.Verb is "all" or "year")
{
    // 13,000 units (national scale); --quick 1,000; --units N any other size.
    year = await new ConsolidateBench(args2.Quick, log).RunYearAsync(args2.Units > 0 ? args2.Units : args2.Quick ? 1_000 : 13_000, stop.Token);
}
RushResult? rush = null;
if (args2.Verb is "all" or "rush")
{
    // 300 clerks over 10 minutes; --quick 30 over 1 minute.
    var clerks = args2.Clerks > 0 ? args2.Clerks : args2.Quick ? 30 : 300;
    var span = TimeSpan.FromMinutes(args2.Minutes > 0 ? args2.Minutes : args2.Quick ? 1 : 10);
    rush = await new RushBench(clerks, span, log).RunAsync(stop.Token);
}

var report = new BenchReport(machine, args2.Quick, ingest, consolidation) { Year = year, Rush = rush, LoadAtStart = loadAtStart, LoadAtEnd = Machine.LoadAverage() };
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
log.WriteLine(json);
if (args2.Output is { } path)
{
    await File.WriteAllTextAsync(path, json, stop.Token);
}
return 0;
