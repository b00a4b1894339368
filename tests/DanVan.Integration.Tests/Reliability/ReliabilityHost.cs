using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Consolidate;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Ingest;
using DanVan.Pipeline.Reliability;
using DanVan.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DanVan.Integration.Tests.Reliability;

/// <summary>
/// A running self-host (WebJobs triggers + portal) over its own Azurite, with short claims and fast timers so
/// recovery happens within a test's patience, and a crash switch the test can arm at any named step.
/// </summary>
public sealed class ReliabilityHost : IAsyncDisposable
{
    private ReliabilityHost(AzuriteLauncher azurite, ServeHost host, PeriodKey period, ArmedCrash crash)
    {
        Azurite = azurite;
        Host = host;
        Period = period;
        Crash = crash;
    }

    public AzuriteLauncher Azurite { get; }
    public ServeHost Host { get; }
    public PeriodKey Period { get; }
    public ArmedCrash Crash { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Settings that make a crashed claim run out in seconds and reconciliation look every 2 s.</summary>
    public static Dictionary<string, string?> FastRecovery => new()
    {
        ["DanVan:Ingest:ClaimSeconds"] = "5",
        ["DanVan:Ingest:ReconcileGraceSeconds"] = "2",
        [SettingNames.ReconcileSchedule] = "*/2 * * * * *",
        [SettingNames.PendingSchedule] = "*/2 * * * * *",
    };

    public static async Task<ReliabilityHost> StartAsync(PeriodKey period)
    {
        var azurite = await AzuriteLauncher.StartAsync();
        var crash = new ArmedCrash();
        // The checker's "now" is two days before the deadline: every upload is for an open quarter.
        var clock = new RealTimeFromFixedDate(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2));
        var host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = azurite.ConnectionString,
            Settings = FastRecovery,
            ConfigureServices = s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                s.Replace(ServiceDescriptor.Singleton<ICrashPoints>(crash));
            },
        }, CancellationToken.None);
        return new ReliabilityHost(azurite, host, period, crash);
    }

    public static IReadOnlyList<ReportingUnit> UnitsOf(PeriodKey period) =>
        UnitRegistry.Default.ExpectedFor(ReportingCalendar.Default.Get(period));

    /// <summary>Uploads as the portal does (blob + queue message) and returns what to wait on.</summary>
    public Task<PendingUpload> UploadAsync(string unit, byte[] bytes, string name = "bao-cao.xlsx") =>
        Get<UploadService>().UploadAsync(unit, Period, name, new BinaryData(bytes), CancellationToken.None);

    /// <summary>Waits until every upload has its answer; throws naming those that do not.</summary>
    public async Task<IReadOnlyList<UploadAnswer>> AnswersAsync(IReadOnlyList<PendingUpload> uploads, TimeSpan timeout)
    {
        var service = Get<UploadService>();
        var answers = new UploadAnswer?[uploads.Count];
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            for (var i = 0; i < uploads.Count; i++)
            {
                answers[i] ??= await service.TryAnswerAsync(uploads[i], CancellationToken.None);
            }
            var missing = Enumerable.Range(0, uploads.Count).Where(i => answers[i] is null).ToList();
            if (missing.Count == 0)
            {
                return answers.Select(a => a!).ToList();
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{missing.Count} of {uploads.Count} uploads have no answer after {timeout.TotalSeconds:0} s, e.g. {uploads[missing[0]].BlobName}.");
            }
            await Task.Delay(300);
        }
    }

    /// <summary>The pointer of every unit: unit → (version, submission).</summary>
    public async Task<Dictionary<string, (int Version, string SubmissionId)>> PointersAsync()
    {
        var map = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        await foreach (var e in Get<DanVanStorage>().Table(StorageNames.Current).QueryAsync<TableEntity>(x => x.PartitionKey == Period.ToString()))
        {
            map[e.RowKey] = (e.GetInt32("Version") ?? 0, e.GetString("SubmissionId") ?? "");
        }
        return map;
    }

    /// <summary>Values rows written for the period beyond one per accepted submission: a submission stored twice.</summary>
    public async Task<int> DuplicatedVersionsAsync()
    {
        var perSubmission = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in Get<DanVanStorage>().Table(StorageNames.Values).QueryAsync<TableEntity>(x => x.PartitionKey == Period.ToString(), select: ["SubmissionId"]))
        {
            var id = e.GetString("SubmissionId") ?? "";
            perSubmission[id] = perSubmission.GetValueOrDefault(id) + 1;
        }
        return perSubmission.Values.Sum(n => n - 1);
    }

    /// <summary>Every Values row of a unit: its version numbers.</summary>
    public async Task<List<int>> VersionsAsync(string unit)
    {
        var list = new List<int>();
        var from = unit + "_v";
        await foreach (var e in Get<DanVanStorage>().Table(StorageNames.Values).QueryAsync<TableEntity>(x => x.PartitionKey == Period.ToString() && string.Compare(x.RowKey, from) > 0 && string.Compare(x.RowKey, unit + "_w") < 0))
        {
            list.Add(e.GetInt32("Version") ?? 0);
        }
        list.Sort();
        return list;
    }

    public async Task<List<AuditEvent>> AuditAsync() => [.. await Get<AuditLog>().ReadAsync(Period.ToString(), CancellationToken.None)];

    /// <summary>Every submission row of the period that is still "received".</summary>
    public async Task<List<string>> UnfinishedAsync() =>
        [.. (await Get<SubmissionStore>().ListAsync(Period.ToString(), CancellationToken.None)).Where(r => r.State == SubmissionOutcome.Received).Select(r => r.Id)];

    /// <summary>The province figure of one indicator in the Aggregates table.</summary>
    public async Task<double?> ProvinceValueAsync(PeriodKey period, string indicator)
    {
        var e = await Get<DanVanStorage>().Table(StorageNames.Aggregates).GetEntityIfExistsAsync<TableEntity>(period.ToString(), Scopes.Province + "|" + indicator);
        return e.HasValue ? e.Value!.GetDouble("Value") : null;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>Fails once at the step it is armed for, as a worker dying there would leave things.</summary>
public sealed class ArmedCrash : ICrashPoints
{
    private string? _armed;
    private int _fired;

    public int Fired => Volatile.Read(ref _fired);

    public void Arm(string step) => Volatile.Write(ref _armed, step);

    public void Reached(string step)
    {
        if (Interlocked.CompareExchange(ref _armed, null, step) == step)
        {
            Interlocked.Increment(ref _fired);
            throw new SimulatedCrashException(step);
        }
    }
}

public sealed class SimulatedCrashException(string step) : Exception("Simulated crash at " + step);

/// <summary>A clock that starts at a chosen date and runs in real time: claims and reservations expire as they would.</summary>
public sealed class RealTimeFromFixedDate(DateTimeOffset start) : TimeProvider
{
    private readonly long _origin = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_origin);
}
