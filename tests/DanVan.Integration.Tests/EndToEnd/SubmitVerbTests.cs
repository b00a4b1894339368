using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Host.SelfHost;
using DanVan.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Integration.Tests.EndToEnd;

/// <summary>`danvan submit` against a running self-host: the file goes through the real blob trigger and the answer comes back.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class SubmitVerbTests
{
    [Fact]
    public async Task Submit_waits_for_the_pipelines_answer_and_exits_by_it()
    {
        // Its own Azurite: no other test's uploads or pending work for this host's triggers to wade through.
        await using var azurite = await AzuriteLauncher.StartAsync();
        var period = PeriodKey.ForQuarter(2040, 3);
        var clock = new FakeTimeProvider(ReportingCalendar.Default.Get(period).DeadlineUtc.AddDays(-2));
        await using var host = await ServeHost.StartAsync(new ServeOptions
        {
            HostId = TestHostIds.Next(),
            StorageConnectionString = azurite.ConnectionString,
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        }, CancellationToken.None);
        var dir = Directory.CreateTempSubdirectory("danvan-submit-");
        var good = Path.Combine(dir.FullName, "dung.xlsx");
        await File.WriteAllBytesAsync(good, Reports.Filled("21211", period, Reports.AllNumbers(5)));
        var values = Reports.AllNumbers(5);
        values["TD_LANHDAO"] = 99; // more than TD_LUOT (5): refused
        var bad = Path.Combine(dir.FullName, "sai.xlsx");
        await File.WriteAllBytesAsync(bad, Reports.Filled("21211", period, values));

        var accepted = await Run(azurite.ConnectionString, "submit", good, "--unit", "21211");
        var refused = await Run(azurite.ConnectionString, "submit", bad, "--unit", "21211");

        Assert.Equal(ExitCodes.Done, accepted.Code);
        Assert.Contains("Quý III năm 2040", accepted.Out);
        Assert.Contains("Đã tiếp nhận.", accepted.Out);
        Assert.Equal(ExitCodes.Refused, refused.Code);
        Assert.Contains("Không được tiếp nhận", refused.Out);
        Assert.Contains("Lỗi [", refused.Out);
    }

    private static async Task<(int Code, string Out)> Run(string storage, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--storage", storage], new VerbConsole(output, error), CancellationToken.None);
        return (code, output + error.ToString());
    }
}
