using DanVan.Core.Registry;

namespace DanVan.Host.Cli;

/// <summary>Loads the unit registry for an offline verb; a broken seed is a system error said in Vietnamese, not a crash.</summary>
public static class RegistryLoading
{
    public static async Task<UnitRegistry?> TryLoadAsync(Func<UnitRegistry> load, VerbConsole console)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or FormatException)
        {
            await console.Error.WriteLineAsync($"Lỗi hệ thống (cần xử lý): không nạp được danh sách đơn vị báo cáo ({ex.Message}).");
            return null;
        }
    }
}
