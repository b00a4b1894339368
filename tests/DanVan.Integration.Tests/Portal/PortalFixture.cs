using DanVan.Core.Calendar;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Consolidate;
using DanVan.Pipeline.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.Portal;

/// <summary>
/// One self-host for the portal's HTTP tests: a key per role, unit U's and unit V's reports of an open quarter
/// (V's with its feedback), the quarter consolidated once.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string U = "21211";
    public const string UName = "Xã Tịnh Khê";
    public const string V = "21034";
    public const string VName = "Xã An Phú";
    public static readonly PeriodKey Quarter = PeriodKey.ForQuarter(2026, 4);

    private AzuriteLauncher? _azurite;

    public ServeHost Host { get; private set; } = null!;
    public string Agency { get; private set; } = "";
    public string AgencyV { get; private set; } = "";
    public string Leader { get; private set; } = "";
    public string Consolidator { get; private set; } = "";
    public string Revoked { get; private set; } = "";
    public string RevokedId { get; private set; } = "";

    /// <summary>V's submission (rejected: its feedback workbook exists).</summary>
    public string VSubmission { get; private set; } = "";
    public string VBlob { get; private set; } = "";
    public string UBlob { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync();
        var clock = new FakeTimeProvider(ReportingCalendar.Default.Get(Quarter).DeadlineUtc.AddDays(-4));
        Host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = _azurite.ConnectionString,
            Settings = new Dictionary<string, string?>
            {
                [SettingNames.NightlySchedule] = "0 0 0 1 1 *",
                [SettingNames.ConsolidationSchedule] = "0 0 0 1 1 *",
                // A small file limit, so the oversize test needs no large body.
                ["DanVan:Ingest:MaxFileBytes"] = "200000",
                ["DanVan:Portal:TrustedProxies"] = "127.0.0.1",
            },
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }, CancellationToken.None);
        var keys = Host.Services.GetRequiredService<AccessKeyStore>();
        Agency = (await keys.IssueAsync(AccessRole.Agency, U, UName, default)).Secret;
        AgencyV = (await keys.IssueAsync(AccessRole.Agency, V, VName, default)).Secret;
        Leader = (await keys.IssueAsync(AccessRole.Leader, null, "Lãnh đạo", default)).Secret;
        Consolidator = (await keys.IssueAsync(AccessRole.Consolidator, null, "Sở Nội vụ", default)).Secret;
        var (revoked, secret) = await keys.IssueAsync(AccessRole.Consolidator, null, "Cũ", default);
        Revoked = secret;
        RevokedId = revoked.Id;
        await keys.RevokeAsync(revoked.Id, default);

        var uploads = Host.Services.GetRequiredService<UploadService>();
        var bad = Reports.AllNumbers(2);
        bad["TD_LUOT"] = "mười";
        var v = await uploads.UploadAsync(V, Quarter, "an-phu.xlsx", BinaryData.FromBytes(Reports.Filled(V, Quarter, bad)), default);
        var u = await uploads.UploadAsync(U, Quarter, "tinh-khe.xlsx", BinaryData.FromBytes(Reports.Filled(U, Quarter, Reports.AllNumbers(3))), default);
        // Polled here: the host's clock is fake and does not run, so UploadService.WaitForAnswerAsync would never wake.
        var vAnswer = await Eventually.GetAsync(() => uploads.TryAnswerAsync(v, default), TimeSpan.FromSeconds(90), "V's upload answered");
        _ = await Eventually.GetAsync(() => uploads.TryAnswerAsync(u, default), TimeSpan.FromSeconds(90), "U's upload answered");
        VSubmission = vAnswer.Submission.Id;
        VBlob = v.BlobName;
        UBlob = u.BlobName;
        await Host.Services.GetRequiredService<ConsolidationService>().ConsolidateAsync(Quarter, default);
    }

    public HttpClient Client(string? key = null, bool redirects = false)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = redirects, UseCookies = true }) { BaseAddress = new Uri(Host.Url) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add(DanVan.Web.Security.PortalAuth.Header, key);
        }
        return http;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
