namespace DanVan.Core.Ingest;

/// <summary>Stable English problem codes (logs, tests, <c>--json</c>).</summary>
public static class ProblemCodes
{
    // The file as a whole: no workbook of ours can be read from it.
    public const string EmptyFile = "empty-file";
    public const string NotSpreadsheet = "not-a-spreadsheet";
    public const string LegacyXls = "xls-format";
    public const string OdsFormat = "ods-format";
    public const string Encrypted = "password-protected";
    public const string MacroEnabled = "macro-enabled";
    public const string Corrupt = "corrupt-file";
    public const string TooLarge = "file-too-large";
    /// <summary>The upload path names no unit or period: nobody vouches for who sent it.</summary>
    public const string UnknownUploader = "unknown-uploader";
    public const string CompressionBomb = "compression-bomb";
    public const string TooManyCells = "too-many-cells";
    public const string Unreadable = "unreadable";
    /// <summary>Beyond a structural limit (nesting, elements, parts, sheets, names, styles, string length), or a file that stopped a worker.</summary>
    public const string HostileStructure = "hostile-structure";
    /// <summary>External links, DDE, OLE or ActiveX objects, formulas that call out.</summary>
    public const string ActiveContent = "active-content";

    // Identity.
    public const string NotTemplate = "not-a-template";
    public const string DamagedIdentity = "template-identity-damaged";
    public const string UnknownTemplate = "unknown-template";
    public const string UnsupportedVersion = "unsupported-template-version";
    /// <summary>The template's catalogue version is newer than the one in force for its period.</summary>
    public const string CatalogueTooNew = "catalogue-version-too-new";
    /// <summary>Warning: an older catalogue version than the period's; read by its own version.</summary>
    public const string CatalogueOlder = "catalogue-version-older";
    public const string UnknownUnit = "unknown-unit";
    public const string UnitMismatch = "unit-mismatch";
    public const string PeriodMismatch = "period-mismatch";
    public const string PeriodClosed = "period-closed";
    public const string PeriodNotStarted = "period-not-started";

    // Cells.
    public const string MissingCell = "missing-cell";
    public const string NotANumber = "not-a-number";
    public const string NotWhole = "not-whole";
    public const string Negative = "negative";
    public const string ImplausiblyLarge = "implausibly-large";
    public const string FormulaWithoutValue = "formula-without-value";
    public const string FormulaError = "formula-error";
    public const string Blank = "blank-not-reported";
    public const string EmptyReport = "empty-report";
    public const string TextTooLong = "text-too-long";
    public const string RuleBroken = "rule-broken";
    public const string RuleWarning = "rule-warning";

    // History (checked at ingestion only, never by `danvan check`).
    /// <summary>A value far from the unit's previous quarter and same quarter last year (a warning).</summary>
    public const string HistoryOutlier = "history-outlier";

    /// <summary>Problems that mean the upload is not a workbook we may open: the feedback is a new workbook.</summary>
    public static readonly IReadOnlySet<string> Unopenable = new HashSet<string>(StringComparer.Ordinal)
    {
        EmptyFile, NotSpreadsheet, LegacyXls, OdsFormat, Encrypted, MacroEnabled, Corrupt, TooLarge, CompressionBomb, TooManyCells, Unreadable,
        HostileStructure, ActiveContent,
    };
}
