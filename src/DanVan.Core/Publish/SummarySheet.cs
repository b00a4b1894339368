using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;

namespace DanVan.Core.Publish;

/// <summary>"Tổng hợp": the Decree 30 header block, the indicator table by level and province with comparisons, completeness by scope.</summary>
internal static class SummarySheet
{
    public const string Name = "Tổng hợp";

    /// <summary>How many indicators the trend chart follows: more lines than this no longer read at a glance.</summary>
    public const int TrendIndicators = 4;

    /// <summary>Builds the sheet and returns the charts to draw over it (added after saving, <see cref="SummaryCharts"/>).</summary>
    public static IReadOnlyList<ChartPlan> Build(XLWorkbook workbook, ResultView view)
    {
        var r = view.Result;
        var ws = workbook.Worksheets.Add(Name);
        ws.Style.Font.FontSize = 13;

        var levels = r.CompletenessByScope.Where(s => s.Scope.StartsWith("LEVEL:", StringComparison.Ordinal)).ToArray();
        var columns = new List<(string Header, Action<IXLCell, int> Write)>();
        foreach (var level in levels)
        {
            columns.Add((level.ScopeNameVi, (c, i) => view.WriteAggregate(c, i, level.Scope)));
        }
        columns.Add((Scopes.ProvinceNameVi, (c, i) => view.WriteAggregate(c, i, Scopes.Province)));
        if (r.PreviousQuarter is { } previous)
        {
            columns.Add(($"Quý trước ({ReportingCalendar.NameVi(previous)})", (c, i) => WriteCompared(c, view, i, x => (x.PreviousQuarter, x.PreviousQuarterDenominator))));
            columns.Add(("Tăng (+), giảm (-) so với quý trước", (c, i) => WriteChange(c, view, i, x => (x.ChangeFromPreviousQuarter, x.PreviousQuarter, x.PreviousQuarterDenominator))));
        }
        columns.Add(($"Cùng kỳ năm trước ({ReportingCalendar.NameVi(r.SamePeriodLastYear)})", (c, i) => WriteCompared(c, view, i, x => (x.SamePeriodLastYear, x.SamePeriodLastYearDenominator))));
        columns.Add(("Tăng (+), giảm (-) so với cùng kỳ năm trước", (c, i) => WriteChange(c, view, i, x => (x.ChangeFromSamePeriodLastYear, x.SamePeriodLastYear, x.SamePeriodLastYearDenominator))));
        var last = 3 + columns.Count;

        ws.Column(1).Width = 6;
        ws.Column(2).Width = 55;
        ws.Column(3).Width = 11;
        ws.Columns(4, Math.Max(last, 10)).Width = 15;

        HeaderBlock(ws, r, last);

        var row = 10;
        ws.Cell(row, 1).Text("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU").Style.Font.Bold = true;
        var header = ++row;
        string[] fixedHeaders = ["STT", "Chỉ tiêu", "Đơn vị tính"];
        for (var c = 0; c < 3; c++)
        {
            ws.Cell(header, c + 1).Text(fixedHeaders[c]);
        }
        for (var c = 0; c < columns.Count; c++)
        {
            ws.Cell(header, c + 4).Text(columns[c].Header);
        }
        SheetKit.HeaderRow(ws, header, last, 66);

        var numericIndex = view.Numeric.Select((ind, i) => (ind.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        foreach (var section in r.Indicators.Where(i => i.IsNumeric).GroupBy(i => (i.Section, i.SectionTitleVi)))
        {
            row++;
            ws.Cell(row, 1).Text(section.Key.Section);
            ws.Cell(row, 2).Text(section.Key.SectionTitleVi);
            var sectionRange = ws.Range(row, 1, row, last);
            sectionRange.Style.Font.Bold = true;
            sectionRange.Style.Fill.BackgroundColor = SheetKit.GroupFill;
            ws.Row(row).Height = SheetKit.WrappedHeight(section.Key.SectionTitleVi, 55, 17);
            var n = 0;
            foreach (var indicator in section)
            {
                row++;
                var i = numericIndex[indicator.Code];
                ws.Cell(row, 1).SetValue(++n);
                ws.Cell(row, 2).Text(indicator.NameVi);
                ws.Cell(row, 3).Text(indicator.UnitVi);
                for (var c = 0; c < columns.Count; c++)
                {
                    columns[c].Write(ws.Cell(row, c + 4), i);
                }
                ws.Row(row).Height = SheetKit.WrappedHeight(indicator.NameVi, 55, 17);
            }
        }
        SheetKit.Body(ws, header + 1, row, last);
        ws.Range(header + 1, 1, row, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Range(header + 1, 2, row, 2).Style.Alignment.WrapText = true;
        ws.Range(header + 1, 3, row, 3).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        var figures = ws.Range(header + 1, 4, row, last);
        figures.Style.NumberFormat.Format = SheetKit.CountFormat;
        figures.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;

        if (r.CatalogueVersions.Count > 1)
        {
            // A period across a catalogue switch: leaders must see that two lists of indicators were combined.
            row++;
            var note = ws.Range(row, 1, row, last).Merge();
            note.FirstCell().Text("Ghi chú: " + VnText.CatalogueVersionsLine(r.CatalogueVersions));
            note.Style.Font.Italic = true;
            note.Style.Alignment.WrapText = true;
            ws.Row(row).Height = SheetKit.WrappedHeight(note.FirstCell().GetString(), 150, 17);
        }
        var (levelFrom, levelTo, completenessEnd) = CompletenessTable(ws, r, row + 2);
        var charts = new List<ChartPlan>();
        var trend = TrendTable(ws, view, completenessEnd + 2, charts);
        // Table III and each chart start a page: a chart cut by a page break (and the repeated header over it) reads as nothing.
        ws.PageSetup.AddHorizontalPageBreak(completenessEnd + 1);
        var chartRow = trend + 1; // 0-based index of the row after the trend table's blank line
        if (charts.Count > 0)
        {
            // Full width: the legend names whole indicators.
            charts[0] = charts[0] with { FromColumn = 0, FromRow = chartRow, ToColumn = 9, ToRow = chartRow + 22 };
            chartRow += 23;
            ws.PageSetup.AddHorizontalPageBreak(chartRow);
        }
        if (levelTo >= levelFrom)
        {
            var sheet = Quoted(ws.Name);
            var categories = Enumerable.Range(levelFrom, levelTo - levelFrom + 1).Select(x => ws.Cell(x, 2).GetString()).ToArray();
            var values = Enumerable.Range(levelFrom, levelTo - levelFrom + 1).Select(x => (double?)ws.Cell(x, 5).GetDouble()).ToArray();
            charts.Add(new ChartPlan(
                "Tỷ lệ đơn vị đã gửi báo cáo theo cấp", Line: false,
                $"{sheet}!$B${levelFrom}:$B${levelTo}", categories,
                [new ChartSeries($"{sheet}!$E${levelFrom - 2}", "Tỷ lệ đã nhận", $"{sheet}!$E${levelFrom}:$E${levelTo}", values)],
                "0%", FromColumn: 1, FromRow: chartRow + 1, ToColumn: 6, ToRow: chartRow + 18));
        }
        ws.SheetView.FreezeRows(header);
        SheetKit.PageSetup(ws, landscape: true, header, header);
        return charts;
    }

    internal static string Quoted(string sheet) => "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// "III. DIỄN BIẾN": the province's main counts over the periods the consolidation compares (same period last year,
    /// previous quarter, this period), oldest first; the trend chart reads this table. Returns its last row.
    /// </summary>
    private static int TrendTable(IXLWorksheet ws, ResultView view, int row, List<ChartPlan> charts)
    {
        var r = view.Result;
        var periods = new List<(string Name, Func<ComparisonRow, decimal?> Pick)>
        {
            (ReportingCalendar.NameVi(r.SamePeriodLastYear), c => c.SamePeriodLastYear),
        };
        if (r.PreviousQuarter is { } previous)
        {
            periods.Add((ReportingCalendar.NameVi(previous), c => c.PreviousQuarter));
        }
        periods.Add((r.Period.NameVi, c => c.Current));
        var main = view.Numeric.Where(i => i.Kind != IndicatorKind.Ratio && view.Comparison(Scopes.Province, i.Code) is not null)
            .Take(TrendIndicators).ToArray();
        if (main.Length == 0)
        {
            return row;
        }
        ws.Cell(row, 1).Text("III. DIỄN BIẾN CÁC CHỈ TIÊU CHÍNH TOÀN TỈNH QUA CÁC KỲ").Style.Font.Bold = true;
        var header = ++row;
        ws.Cell(header, 1).Text("STT");
        ws.Cell(header, 2).Text("Chỉ tiêu");
        ws.Cell(header, 3).Text("Đơn vị tính");
        for (var p = 0; p < periods.Count; p++)
        {
            ws.Cell(header, 4 + p).Text(periods[p].Name);
        }
        var last = 3 + periods.Count;
        SheetKit.HeaderRow(ws, header, last, 36);
        var sheet = Quoted(ws.Name);
        var lastColumn = XLHelper.GetColumnLetterFromNumber(last);
        var series = new List<ChartSeries>();
        for (var k = 0; k < main.Length; k++)
        {
            row++;
            var comparison = view.Comparison(Scopes.Province, main[k].Code)!;
            ws.Cell(row, 1).SetValue(k + 1);
            ws.Cell(row, 2).Text(main[k].NameVi);
            ws.Cell(row, 3).Text(main[k].UnitVi);
            ws.Row(row).Height = SheetKit.WrappedHeight(main[k].NameVi, 55, 17);
            var values = new double?[periods.Count];
            for (var p = 0; p < periods.Count; p++)
            {
                if (periods[p].Pick(comparison) is { } v)
                {
                    ws.Cell(row, 4 + p).SetValue(v);
                    values[p] = (double)v;
                }
            }
            series.Add(new ChartSeries($"{sheet}!$B${row}", main[k].NameVi, $"{sheet}!$D${row}:${lastColumn}${row}", values));
        }
        SheetKit.Body(ws, header + 1, row, last);
        ws.Range(header + 1, 1, row, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Range(header + 1, 2, row, 2).Style.Alignment.WrapText = true;
        ws.Range(header + 1, 3, row, 3).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Range(header + 1, 4, row, last).Style.NumberFormat.Format = SheetKit.CountFormat;
        charts.Add(new ChartPlan(
            "Diễn biến các chỉ tiêu chính toàn tỉnh", Line: true,
            $"{sheet}!$D${header}:${lastColumn}${header}", periods.Select(p => p.Name).ToArray(), series,
            "#,##0", 0, 0, 0, 0));
        return row;
    }

    private static void HeaderBlock(IXLWorksheet ws, ConsolidationResult r, int last)
    {
        void Line(int row, int from, int to, string text, bool bold, bool italic = false)
        {
            var range = ws.Range(row, from, row, to).Merge();
            range.FirstCell().Text(text);
            range.Style.Font.Bold = bold;
            range.Style.Font.Italic = italic;
            range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }
        var rightFrom = Math.Min(4, last);
        Line(1, 1, 3, "UBND TỈNH QUẢNG NGÃI", bold: false);
        Line(2, 1, 3, "SỞ NỘI VỤ", bold: true);
        Line(1, rightFrom, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true);
        Line(2, rightFrom, last, "Độc lập - Tự do - Hạnh phúc", bold: true);
        Line(3, rightFrom, last, VnText.PlaceAndDate(r.BuiltUtc), bold: false, italic: true);
        SheetKit.TitleLine(ws, 5, last, "BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN", size: 14);
        SheetKit.TitleLine(ws, 6, last, VnText.PeriodTitle(r.Period.Key), size: 14);
        SheetKit.TitleLine(ws, 7, last, VnText.Window(r.Period), bold: false, italic: true);
        SheetKit.TitleLine(ws, 8, last, VnText.CompletenessLine(r.Completeness), bold: false);
        if (r.RegistryGapVi is { } gap)
        {
            // Leaders must not read a partial list of units as the whole province.
            SheetKit.TitleLine(ws, 9, last, "Lưu ý: " + gap, bold: false, italic: true);
        }
    }

    /// <summary>Writes "II. TÌNH HÌNH GỬI BÁO CÁO"; returns the rows of the level lines (for the chart) and the table's last row.</summary>
    private static (int LevelFrom, int LevelTo, int Last) CompletenessTable(IXLWorksheet ws, ConsolidationResult r, int row)
    {
        int levelFrom = 0, levelTo = -1;
        ws.Cell(row, 1).Text("II. TÌNH HÌNH GỬI BÁO CÁO").Style.Font.Bold = true;
        var header = ++row;
        string[] headers = ["STT", "Phạm vi", "Số đơn vị phải gửi", "Đã nhận", "Tỷ lệ đã nhận", "Đúng hạn", "Nộp muộn", "Chưa nộp", "Điều chỉnh sau hạn"];
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(header, c + 1).Text(headers[c]);
        }
        SheetKit.HeaderRow(ws, header, headers.Length, 48);
        var n = 0;
        foreach (var s in r.CompletenessByScope)
        {
            row++;
            var c = s.Completeness;
            ws.Cell(row, 1).SetValue(++n);
            ws.Cell(row, 2).Text(s.Scope.StartsWith(Scopes.District(""), StringComparison.Ordinal) ? $"{s.ScopeNameVi} (gồm các xã)" : s.ScopeNameVi);
            ws.Cell(row, 3).SetValue(c.Expected);
            ws.Cell(row, 4).SetValue(c.Received);
            ws.Cell(row, 5).SetValue(Math.Round(c.Ratio, 4));
            ws.Cell(row, 6).SetValue(c.OnTime);
            ws.Cell(row, 7).SetValue(c.Late);
            ws.Cell(row, 8).SetValue(c.Missing);
            ws.Cell(row, 9).SetValue(c.CorrectedAfterDeadline);
            if (s.Scope.StartsWith("LEVEL:", StringComparison.Ordinal))
            {
                // The levels follow the province line contiguously (ConsolidationResult.CompletenessByScope).
                levelFrom = levelFrom == 0 ? row : levelFrom;
                levelTo = row;
            }
            if (s.Scope == Scopes.Province)
            {
                ws.Range(row, 1, row, headers.Length).Style.Font.Bold = true;
            }
        }
        SheetKit.Body(ws, header + 1, row, headers.Length);
        ws.Range(header + 1, 1, row, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Range(header + 1, 3, row, headers.Length).Style.NumberFormat.Format = SheetKit.CountFormat;
        var share = ws.Range(header + 1, 5, row, 5);
        share.Style.NumberFormat.Format = SheetKit.PercentFormat;
        // A data bar from 0% to 100% shows at a glance which level or district lags behind.
        share.AddConditionalFormat().DataBar(SheetKit.BarColor).Minimum(XLCFContentType.Number, 0).Maximum(XLCFContentType.Number, 1);
        var missing = ws.Range(header + 1, 8, row, 8);
        missing.AddConditionalFormat().WhenGreaterThan(0).Fill.SetBackgroundColor(SheetKit.MissingFill);
        var late = ws.Range(header + 1, 7, row, 7);
        late.AddConditionalFormat().WhenGreaterThan(0).Fill.SetBackgroundColor(SheetKit.LateFill);
        return (levelFrom, levelTo, row);
    }

    private static void WriteCompared(IXLCell cell, ResultView view, int i, Func<ComparisonRow, (decimal? Value, long? Denominator)> pick)
    {
        var c = view.Comparison(Scopes.Province, view.Numeric[i].Code);
        if (c is null)
        {
            return;
        }
        // The same rule as the current column: a zero denominator reads "—", unknown inputs stay blank.
        var (value, denominator) = pick(c);
        ResultView.Write(cell, view.Numeric[i], value, denominator);
    }

    /// <summary>
    /// The change. For a ratio undefined on either side (denominator 0) it is "—" too, unless the other side is
    /// unknown (nobody reported its inputs): then there is nothing to compare and the cell stays blank.
    /// </summary>
    private static void WriteChange(
        IXLCell cell, ResultView view, int i, Func<ComparisonRow, (decimal? Change, decimal? Compared, long? ComparedDenominator)> pick)
    {
        var c = view.Comparison(Scopes.Province, view.Numeric[i].Code);
        if (c is null)
        {
            return;
        }
        var ratio = view.Numeric[i].Kind == IndicatorKind.Ratio;
        var (change, compared, comparedDenominator) = pick(c);
        if (change is { } d)
        {
            cell.Text(VnText.Change(d, ratio));
        }
        else if (ratio && (c.Current is not null || c.CurrentDenominator == 0) && (compared is not null || comparedDenominator == 0))
        {
            cell.Text(VnText.Dash);
        }
    }
}
