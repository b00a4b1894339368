using DanVan.Core.Catalogue;
using DanVan.Core.Text;

namespace DanVan.Core.Ingest;

/// <summary>
/// Every problem the checker reports: a stable English code and a plain Vietnamese message in the
/// glossary's words (what is wrong, where, what to do; docs/system-contract.md §7).
/// </summary>
public static class Messages
{
    private const string DownloadAgain = "Vui lòng tải biểu mẫu báo cáo của đơn vị cho kỳ báo cáo này, nhập số liệu rồi gửi lại.";

    public static Problem FileError(string code, string messageVi) => new(Severity.Error, code, messageVi);

    public static Problem Empty() => FileError(ProblemCodes.EmptyFile, "Tệp rỗng, không có nội dung. " + DownloadAgain);

    public static Problem NotSpreadsheet() => FileError(ProblemCodes.NotSpreadsheet,
        "Tệp không phải là sổ làm việc Excel (.xlsx hoặc .xls). " + DownloadAgain);

    /// <summary>Older than Excel 97 (Excel 5.0/95 and before): .xls files of Excel 97–2003 are read.</summary>
    public static Problem Xls() => FileError(ProblemCodes.LegacyXls,
        "Tệp được lưu ở định dạng Excel quá cũ (Excel 5.0/95 trở về trước), hệ thống không đọc được. Vui lòng mở tệp và chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi gửi lại.");

    public static Problem Ods() => FileError(ProblemCodes.OdsFormat,
        "Tệp được lưu ở định dạng OpenDocument (.ods). Vui lòng mở tệp và chọn Lưu thành (Save As) → Excel 2007-365 (.xlsx), chọn giữ định dạng hiện tại, rồi gửi lại.");

    public static Problem Encrypted() => FileError(ProblemCodes.Encrypted,
        "Tệp được đặt mật khẩu nên hệ thống không đọc được. Vui lòng gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi gửi lại.");

    public static Problem Macro() => FileError(ProblemCodes.MacroEnabled,
        "Tệp có chứa macro (.xlsm) nên không được tiếp nhận. Vui lòng dùng biểu mẫu gốc (.xlsx).");

    public static Problem Corrupt() => FileError(ProblemCodes.Corrupt,
        "Tệp bị hỏng hoặc không đầy đủ (có thể do tải lên bị gián đoạn), hệ thống không đọc được. Vui lòng mở tệp bằng Excel, lưu lại rồi gửi lại.");

    public static Problem TooLarge(long bytes, long limit) => FileError(ProblemCodes.TooLarge,
        $"Tệp quá lớn ({ViFormat.Number(bytes / 1024)} KB, giới hạn {ViFormat.Number(limit / 1024)} KB). Một báo cáo theo biểu mẫu chỉ khoảng vài chục KB; vui lòng dùng biểu mẫu gốc và không chèn hình ảnh, dữ liệu khác.");

    public static Problem Bomb() => FileError(ProblemCodes.CompressionBomb,
        "Nội dung tệp khi giải nén lớn bất thường nên không được tiếp nhận. Vui lòng dùng biểu mẫu gốc (.xlsx).");

    /// <summary>"Tệp có cấu trúc bất thường (…)": a structural limit, named, or a file that stopped a worker.</summary>
    public static Problem Hostile(string what) => FileError(ProblemCodes.HostileStructure,
        $"Tệp có cấu trúc bất thường ({TextClip.Clip(what, 200)}) nên không được tiếp nhận. Vui lòng dùng biểu mẫu gốc (.xlsx), chỉ nhập số liệu vào các ô quy định rồi gửi lại.");

    /// <summary>A file that crashed the worker reading it twice is not read a third time.</summary>
    public static Problem CrashedWorker() => Hostile("hệ thống đã hai lần dừng đột ngột khi đọc tệp này");

    public static Problem ActiveContent(string what) => FileError(ProblemCodes.ActiveContent,
        $"Tệp có chứa nội dung có thể tự động chạy hoặc kết nối ra ngoài ({TextClip.Clip(what, 200)}) nên không được tiếp nhận. Vui lòng dùng biểu mẫu gốc (.xlsx), chỉ nhập số liệu vào các ô quy định rồi gửi lại.");

    public static Problem PeriodNotStarted(string periodName, string startsOn) => FileError(ProblemCodes.PeriodNotStarted,
        $"Chưa đến kỳ báo cáo {periodName}: thời gian chốt số liệu bắt đầu từ ngày {startsOn}. Vui lòng kiểm tra lại kỳ báo cáo.");

    public static Problem TooManyCells(long limit) => FileError(ProblemCodes.TooManyCells,
        $"Tệp có quá nhiều ô dữ liệu (trên {ViFormat.Number(limit)} ô) hoặc trang tính có phạm vi quá lớn. Vui lòng dùng biểu mẫu gốc, chỉ nhập số liệu vào các ô quy định.");

    public static Problem EmptyReport() => FileError(ProblemCodes.EmptyReport,
        "Biểu mẫu chưa có số liệu: tất cả các ô số liệu đều để trống. Vui lòng nhập số liệu (nhập 0 nếu không có) rồi gửi lại.");

    public static Problem NotTemplate() => FileError(ProblemCodes.NotTemplate,
        "Tệp này không phải là biểu mẫu báo cáo của hệ thống (không tìm thấy thông tin nhận dạng biểu mẫu). " + DownloadAgain);

    public static Problem DamagedIdentity() => FileError(ProblemCodes.DamagedIdentity,
        "Thông tin nhận dạng của biểu mẫu bị thiếu hoặc bị sửa. " + DownloadAgain);

    public static Problem UnknownTemplate(string id) => FileError(ProblemCodes.UnknownTemplate,
        $"Biểu mẫu \"{TextClip.Clip(id, TextClip.InMessage)}\" không phải là biểu mẫu báo cáo công tác dân vận. " + DownloadAgain);

    public static Problem UnsupportedVersion(int templateVersion, int catalogueVersion) => FileError(ProblemCodes.UnsupportedVersion,
        $"Biểu mẫu thuộc phiên bản {templateVersion} (danh mục chỉ tiêu phiên bản {catalogueVersion}) mà hệ thống không hỗ trợ. " + DownloadAgain);

    /// <summary>A template made from a catalogue version that is newer than the one in force for its period.</summary>
    public static Problem CatalogueTooNew(int templateCatalogue, int periodCatalogue, string periodName) => FileError(ProblemCodes.CatalogueTooNew,
        $"Biểu mẫu được lập theo danh mục chỉ tiêu phiên bản {templateCatalogue}, nhưng kỳ {periodName} áp dụng danh mục chỉ tiêu phiên bản {periodCatalogue}. " +
        $"Vui lòng tải biểu mẫu của đơn vị cho kỳ {periodName}, nhập số liệu rồi gửi lại.");

    /// <summary>
    /// A template of an older catalogue version for a period a newer version applies to: read by its own version
    /// (reporting-rules §4), so the new indicators are "not reported"; the uploader is told to use the new template.
    /// </summary>
    public static Problem CatalogueOlder(int templateCatalogue, int periodCatalogue, string periodName, IReadOnlyList<string> newLabels)
    {
        var missing = newLabels.Count == 0
            ? ""
            : $"Các chỉ tiêu mới của phiên bản {periodCatalogue} ({string.Join("; ", newLabels.Select(l => "“" + l + "”"))}) được ghi nhận là chưa báo cáo. ";
        return new(Severity.Warning, ProblemCodes.CatalogueOlder,
            $"Biểu mẫu được lập theo danh mục chỉ tiêu phiên bản {templateCatalogue}, nhưng kỳ {periodName} áp dụng danh mục chỉ tiêu phiên bản {periodCatalogue}. " +
            "Số liệu vẫn được tiếp nhận theo phiên bản cũ. " + missing +
            $"Vui lòng tải biểu mẫu mới của đơn vị cho kỳ {periodName}, nhập đủ số liệu rồi gửi lại; báo cáo gửi sau sẽ thay thế báo cáo này.");
    }

    public static Problem UnknownUnit(string code) => FileError(ProblemCodes.UnknownUnit,
        $"Biểu mẫu ghi mã đơn vị báo cáo \"{TextClip.Clip(code, TextClip.InMessage)}\" nhưng mã này không có trong danh sách đơn vị báo cáo của kỳ báo cáo. " + DownloadAgain);

    public static Problem UnitMismatch(string templateUnit, string periodName, string uploader) => FileError(ProblemCodes.UnitMismatch,
        $"Biểu mẫu này dành cho {TextClip.Clip(templateUnit, TextClip.InMessage)}, kỳ {periodName}, nhưng được gửi bởi {TextClip.Clip(uploader, TextClip.InMessage)}.");

    public static Problem PeriodMismatch(string templatePeriod, string pathPeriod) => FileError(ProblemCodes.PeriodMismatch,
        $"Biểu mẫu này dành cho kỳ {templatePeriod}, nhưng được gửi vào kỳ {pathPeriod}. Vui lòng tải biểu mẫu đúng kỳ báo cáo.");

    public static Problem PeriodClosed(string periodName, string closedAt) => FileError(ProblemCodes.PeriodClosed,
        $"Không tiếp nhận vì kỳ báo cáo đã khóa ({periodName}, khóa từ {closedAt}). Nếu cần gửi bổ sung, vui lòng liên hệ Sở Nội vụ để mở lại kỳ báo cáo.");

    public static Problem Unexpected() => FileError(ProblemCodes.Unreadable,
        "Hệ thống không đọc được tệp này. Vui lòng mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại.");

    public static Problem MissingCell(Indicator indicator) => new(Severity.Error, ProblemCodes.MissingCell,
        $"Không tìm thấy ô nhập số liệu của chỉ tiêu \"{indicator.NameVi}\" (có thể hàng của chỉ tiêu đã bị xóa). " + DownloadAgain,
        IndicatorCode: indicator.Code);

    public static Problem CellProblem(Severity severity, string code, string sheet, string cell, Indicator indicator, string what) =>
        new(severity, code, $"Ô {TextClip.Clip(cell, 20)} ({indicator.NameVi}): {what}", sheet, cell, indicator.Code);

    public static string NotANumber(string shown) => $"giá trị \"{TextClip.Clip(shown, TextClip.InMessage)}\" không phải là số. Vui lòng nhập số nguyên không âm.";

    public static string NotWhole(string shown) => $"giá trị \"{TextClip.Clip(shown, TextClip.InMessage)}\" không phải là số nguyên. Vui lòng nhập số nguyên không âm.";

    public static string Negative(string shown) => $"giá trị \"{TextClip.Clip(shown, TextClip.InMessage)}\" là số âm. Vui lòng nhập số nguyên không âm.";

    public static string TooLargeValue(string shown) =>
        $"giá trị \"{TextClip.Clip(shown, TextClip.InMessage)}\" lớn bất thường (trên {ViFormat.Number(NumberText.MaxPlausible)}). Vui lòng kiểm tra lại.";

    public const string Blank = "để trống, được ghi nhận là chưa báo cáo (không phải 0). Nếu không có số liệu, vui lòng nhập 0.";

    public const string FormulaWithoutValue =
        "ô có công thức nhưng tệp không lưu kết quả đã tính. Vui lòng mở tệp bằng Excel hoặc LibreOffice và lưu lại, hoặc nhập trực tiếp số liệu.";

    public static string FormulaError(string error) => $"ô cho kết quả lỗi ({TextClip.Clip(error, 20)}). Vui lòng sửa công thức hoặc nhập trực tiếp số liệu.";

    public static string TextTooLong(int length, int limit) =>
        $"nội dung dài {ViFormat.Number(length)} ký tự, vượt quá giới hạn {ViFormat.Number(limit)} ký tự. Vui lòng rút gọn.";

    /// <summary>"Số hồ sơ giải quyết đúng hạn (D19 = 120) lớn hơn số hồ sơ đã giải quyết (D18 = 100)."</summary>
    public static string RuleBroken(CrossFieldRule rule, Indicator left, string leftCell, long leftValue, Indicator right, string rightCell, long rightValue)
    {
        var l = $"{Label(left, capital: true)} ({leftCell} = {ViFormat.Number(leftValue)})";
        var r = $"{Label(right, capital: false)} ({rightCell} = {ViFormat.Number(rightValue)})";
        return rule.Operator == RuleOperator.LessOrEqual
            ? $"{l} lớn hơn {r}."
            : $"{l} nhỏ hơn {r}. Vui lòng kiểm tra lại.";
    }

    /// <summary>
    /// "Số liệu ô D17 (Số hồ sơ tiếp nhận) là 1.200, gấp 12 lần quý trước (100). Vui lòng kiểm tra lại."; each
    /// reference the unit has is named, "chỉ bằng 1/12 …" when the value is far below it.
    /// </summary>
    public static string HistoryOutlier(string? cell, Indicator indicator, long value, long? previousQuarter, long? sameQuarterLastYear)
    {
        var where = cell is null ? "Số liệu" : $"Số liệu ô {TextClip.Clip(cell, 20)}";
        var comparisons = new List<string>(2);
        if (previousQuarter is { } p)
        {
            comparisons.Add(Compared(value, p, "quý trước"));
        }
        if (sameQuarterLastYear is { } y)
        {
            comparisons.Add(Compared(value, y, "cùng kỳ năm trước"));
        }
        return $"{where} ({Label(indicator, capital: true)}) là {ViFormat.Number(value)}, {string.Join(" và ", comparisons)}. Vui lòng kiểm tra lại.";
    }

    private static string Compared(long value, long reference, string what)
    {
        if (value == 0 || reference == 0)
        {
            // No ratio to speak of: name both figures.
            return $"khác xa {what} ({ViFormat.Number(reference)})";
        }
        var (ratio, approx) = Times(value > reference ? (decimal)value / reference : (decimal)reference / value);
        var about = approx ? "khoảng " : "";
        return value > reference
            ? $"gấp {about}{ratio} lần {what} ({ViFormat.Number(reference)})"
            : $"chỉ bằng {about}1/{ratio} {what} ({ViFormat.Number(reference)})";
    }

    // 12 → ("12", exact); 6,46 → ("6,5", approximate).
    private static (string Text, bool Approximate) Times(decimal ratio)
    {
        var rounded = Math.Round(ratio, 1, MidpointRounding.AwayFromZero);
        var text = rounded == decimal.Truncate(rounded) ? ViFormat.Number((long)rounded) : ViFormat.Number((double)rounded, 1);
        return (text, rounded != ratio);
    }

    /// <summary>A label that reads in a sentence: "Trong đó: giải quyết đúng hạn" → "Giải quyết đúng hạn".</summary>
    internal static string Label(Indicator indicator, bool capital)
    {
        var name = indicator.NameVi.Trim();
        const string prefix = "Trong đó:";
        if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[prefix.Length..].Trim();
        }
        if (name.Length == 0)
        {
            return name;
        }
        var first = capital ? char.ToUpperInvariant(name[0]) : char.ToLowerInvariant(name[0]);
        return first + name[1..];
    }
}
