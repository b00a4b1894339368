using System.Net;
using System.Net.Sockets;
using DanVan.Core.Calendar;
using DanVan.Host.Cli;
using DanVan.Host.Verbs;
using DanVan.Integration.Tests.Infrastructure;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Ingest;

namespace DanVan.Integration.Tests.Cli;

/// <summary>`danvan submit` when nobody answers: a script can tell "not answered yet" and "storage down" from success.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class SubmitAnswerTests
{
    private static readonly PeriodKey Period = ReportingCalendar.Default.QuarterOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task No_answer_within_the_wait_exits_5_with_a_Vietnamese_message_and_no_stack_trace()
    {
        // Storage is up but no pipeline runs: the upload is stored and nobody answers.
        await using var azurite = await AzuriteLauncher.StartAsync();
        var file = await FileAsync();
        var saved = SubmitVerb.AnswerWait;
        SubmitVerb.AnswerWait = TimeSpan.FromSeconds(2);
        try
        {
            var (code, output) = await RunAsync("submit", file, "--unit", "21211", "--period", Period.ToString(), "--storage", azurite.ConnectionString);

            Assert.Equal(ExitCodes.NotAnswered, code);
            Assert.Contains("chưa trả lời", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            SubmitVerb.AnswerWait = saved;
        }
    }

    [Fact]
    public async Task Storage_that_does_not_answer_exits_4_with_a_Vietnamese_message_and_no_stack_trace()
    {
        var port = FreePort();
        var nowhere = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var file = await FileAsync();
        var saved = UploadService.OutageTolerance;
        UploadService.OutageTolerance = TimeSpan.FromSeconds(2);
        try
        {
            var (code, output) = await RunAsync("submit", file, "--unit", "21211", "--period", Period.ToString(), "--storage", nowhere);

            Assert.Equal(ExitCodes.StorageUnavailable, code);
            Assert.Contains("Không kết nối được kho lưu trữ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            UploadService.OutageTolerance = saved;
        }
    }

    private static async Task<string> FileAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("danvan-submit-").FullName, "bao-cao.xlsx");
        await File.WriteAllBytesAsync(path, Reports.Filled("21211", Period, Reports.AllNumbers(3)));
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, new VerbConsole(output, error), CancellationToken.None);
        return (code, output + error.ToString());
    }
}
