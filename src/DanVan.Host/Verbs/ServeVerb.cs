using System.Globalization;
using DanVan.Host.Cli;
using DanVan.Host.SelfHost;
using Microsoft.Extensions.Options;

namespace DanVan.Host.Verbs;

/// <summary>`danvan serve`: everything locally — Azurite (when no connection string), triggers, schedules, portal.</summary>
public sealed class ServeVerb : IVerb
{
    public string Name => "serve";

    public string Usage => "danvan serve [--port SỐ] [--storage CHUỖI_KẾT_NỐI]   chạy toàn bộ hệ thống trên máy này";

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "quiet" };

    public async Task<int> RunAsync(VerbArgs args, VerbConsole console, CancellationToken cancellationToken)
    {
        var port = 8080;
        if (args.Option("port") is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new UsageException($"Cổng '{p}' không hợp lệ.");
        }
        if (args.Option("port") is null && !PortIsFree(port))
        {
            port = 0;
        }
        var progress = new Progress<string>(m => console.Out.WriteLine(m));
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(new ServeOptions
            {
                StorageConnectionString = args.Option("storage"),
                Port = port,
                AzuriteDataFolder = args.Option("storage") is null ? Path.Combine(RepoRoot(), ".azurite") : null,
                Progress = progress,
                ConsoleLogs = !args.Flag("quiet"),
            }, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            // A bad setting (appsettings.json or DanVan__… environment variables): say which, without a stack trace.
            await console.Error.WriteLineAsync("Cấu hình không hợp lệ, hệ thống không khởi động: " + string.Join(" ", ex.Failures));
            return ExitCodes.Refused;
        }
        await using var _ = host;
        await console.Out.WriteLineAsync($"Cổng thông tin DanVan: {host.Url}");
        await console.Out.WriteLineAsync($"Thả tệp báo cáo vào vùng chứa 'uploads' theo đường dẫn MÃ_ĐƠN_VỊ/KỲ/tên-tệp.xlsx, hoặc dùng: danvan submit TỆP --unit MÃ --storage \"{host.ConnectionString}\"");
        await console.Out.WriteLineAsync("Cấp mã truy cập cho đơn vị: danvan keys issue --role agency --unit MÃ (thêm --storage như trên).");
        await console.Out.WriteLineAsync("Nhấn Ctrl+C để dừng.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await console.Out.WriteLineAsync("Đang dừng…");
        }
        return ExitCodes.Done;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            l.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string RepoRoot()
    {
        var tools = DanVan.Pipeline.Azurite.AzuriteLauncher.FindToolDirectory();
        return Path.GetFullPath(Path.Combine(tools, "..", ".."));
    }
}
