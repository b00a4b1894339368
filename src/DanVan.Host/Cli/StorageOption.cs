using DanVan.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.Cli;

/// <summary>
/// Verbs that touch storage take <c>--storage CONN</c> or the DANVAN_STORAGE environment variable; they talk to
/// a running pipeline's storage (e.g. the Azurite that `danvan serve` started, whose connection string it prints).
/// </summary>
public static class StorageOption
{
    public const string EnvironmentVariable = "DANVAN_STORAGE";

    public static ServiceProvider Services(string? storageOption)
    {
        var connection = storageOption ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException("Chưa có chuỗi kết nối kho lưu trữ: dùng --storage \"…\" (lệnh danvan serve in ra chuỗi này) hoặc biến môi trường DANVAN_STORAGE.");
        }
        DanVan.Pipeline.Storage.DanVanStorage storage;
        try
        {
            storage = new DanVan.Pipeline.Storage.DanVanStorage(connection);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException("Chuỗi kết nối kho lưu trữ (--storage hoặc DANVAN_STORAGE) không hợp lệ: " + ex.Message);
        }
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Azure", LogLevel.Error));
        services.AddDanVanPipeline(storage);
        return services.BuildServiceProvider();
    }
}
