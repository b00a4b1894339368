using System.CommandLine;
using DanVan.Core.Calendar;

namespace DanVan.Host.Cli;

/// <summary>Options several verbs share, declared once so their names, value names and Vietnamese help agree.</summary>
public static class VerbOptions
{
    public static Option<bool> Json() => new("--json") { Description = "in kết quả dạng JSON (cho máy đọc)" };

    public static Option<string> Storage() => new("--storage")
    {
        HelpName = "CHUỖI",
        Description = $"kho lưu trữ: chuỗi kết nối (lệnh danvan serve in ra chuỗi này), hoặc tên tài khoản lưu trữ Azure hay địa chỉ https://TÊN.table.core.windows.net (đăng nhập bằng az login); mặc định lấy từ biến môi trường {StorageOption.EnvironmentVariable}",
    };

    /// <summary>A unit code as a person types it; the verb replaces it by the registry's code (exit 1 when there is none).</summary>
    public static Option<string> Unit(string description, bool required) => new("--unit")
    {
        HelpName = "MÃ",
        Description = description + " (không phân biệt chữ hoa, chữ thường; mã không có trong danh sách đơn vị: mã thoát 1)",
        Required = required,
    };

    /// <summary>A period key (2025-Q3, 2025-H1, 2025-M9, 2025-Y); a malformed one is wrong usage at parse time.</summary>
    public static Option<PeriodKey?> Period(string description, bool required) => new("--period")
    {
        HelpName = "KỲ",
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }
            var text = result.Tokens[0].Value;
            if (PeriodKey.TryParse(text, out var key))
            {
                return key;
            }
            result.AddError($"Kỳ báo cáo '{text}' không hợp lệ (ví dụ 2025-Q3, 2025-H1, 2025-M9, 2025-Y).");
            return null;
        },
    };
}
