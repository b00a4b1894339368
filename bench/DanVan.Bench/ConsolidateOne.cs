using System.Diagnostics;
using System.Text.Json;
using DanVan.Core.Calendar;
using DanVan.Pipeline.Consolidate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Bench;

/// <summary>
/// The hidden child: one measured ConsolidationService.ConsolidateAsync over storage the parent seeded,
/// in a fresh process so its peak working set is this consolidation's alone. Prints one JSON line.
/// </summary>
public static class ConsolidateOne
{
    public const string Verb = "consolidate-one";

    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var variant = Variant.Parse(args.Variant);
        var registry = variant.Registry(args.Units);
        var rp = ReportingCalendar.Default.Get(variant.Period);
        // After the period closed: the normal time to consolidate it.
        await using var provider = BenchServices.Build(args.Storage ?? throw new ArgumentException("--storage is required"), registry, new FakeTimeProvider(rp.CloseUtc.AddHours(1)));
        var service = provider.GetRequiredService<ConsolidationService>();
        var stages = new StageClock();
        var total = Stopwatch.StartNew();
        var outcome = await service.ConsolidateAsync(variant.Period, ct, stages);
        total.Stop();
        stages.Report("end");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var result = new ConsolidationRun(
            variant.Name, variant.Period.ToString(), args.Units,
            outcome.Completeness.Expected, outcome.Completeness.Received,
            Stats.Round(total.Elapsed.TotalSeconds),
            self.PeakWorkingSet64 / (1024 * 1024),
            GC.GetGCMemoryInfo().PauseTimePercentage,
            stages.Durations(),
            outcome.LatestBlobName);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Timestamps the service's progress messages, synchronously, to split the run into stages.</summary>
    private sealed class StageClock : IProgress<string>
    {
        private static readonly string[] Names = ["read", "consolidate", "aggregates-table", "workbook+publish"];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<double> _marks = [];

        public void Report(string value) => _marks.Add(_clock.Elapsed.TotalSeconds);

        public Dictionary<string, double> Durations()
        {
            var d = new Dictionary<string, double>();
            for (var i = 1; i < _marks.Count && i - 1 < Names.Length; i++)
            {
                d[Names[i - 1]] = Stats.Round(_marks[i] - _marks[i - 1]);
            }
            return d;
        }
    }
}

public sealed record ConsolidationRun(
    string Variant, string Period, int Units, int Expected, int Received,
    double Seconds, long PeakWorkingSetMiB, double GcPausePercent,
    Dictionary<string, double> StageSeconds, string LatestBlob)
{
    public double SeedSeconds { get; init; }
    public long WorkbookBytes { get; init; }
    public string? ReopenCheck { get; init; }
    public string? LibreOffice { get; init; }
}
