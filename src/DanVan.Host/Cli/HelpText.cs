using System.CommandLine;
using System.CommandLine.Help;
using System.Text;

namespace DanVan.Host.Cli;

/// <summary>Vietnamese help, rendered from the commands the verbs declare (System.CommandLine's own help is English).</summary>
public static class HelpText
{
    public const string Title = "DanVan — tổng hợp báo cáo công tác dân vận";

    private const string ExitCodesVi =
        "Mã thoát: 0 xong; 1 dữ liệu bị từ chối (báo cáo không được tiếp nhận, mã đơn vị không có trong danh sách…); 2 dùng lệnh sai; số khác: lỗi hệ thống.";

    public static string ForRoot(IEnumerable<Command> verbs)
    {
        var sb = new StringBuilder(Title).Append("\n\nCác lệnh:\n");
        foreach (var verb in verbs)
        {
            sb.Append("  ").Append(Usage(verb)).Append('\n');
            sb.Append("      ").Append(verb.Description).Append('\n');
        }
        sb.Append("\nXem hướng dẫn của một lệnh: danvan LỆNH --help\n").Append(ExitCodesVi).Append('\n');
        return sb.ToString();
    }

    public static string For(Command command)
    {
        var sb = new StringBuilder();
        sb.Append(Path(command)).Append(" — ").Append(command.Description).Append("\n\n");
        sb.Append("Cách dùng: ").Append(Usage(command)).Append('\n');
        var rows = new List<(string Left, string Right)>();
        if (command.Subcommands.Count > 0)
        {
            sb.Append("\nCác việc:\n");
            Table(sb, command.Subcommands.Select(c => (Usage(c)["danvan ".Length..], c.Description ?? "")).ToList());
        }
        if (command.Arguments.Count > 0)
        {
            sb.Append("\nĐối số:\n");
            Table(sb, command.Arguments.Select(a => (a.Name, a.Description ?? "")).ToList());
        }
        sb.Append("\nTùy chọn:\n");
        foreach (var option in Options(command))
        {
            var names = string.Join(", ", option.Aliases.Order(StringComparer.Ordinal).Append(option.Name)) + (TakesValue(option) ? " " + ValueName(option) : "");
            rows.Add((names, (option.Description ?? "") + (option.Required ? " (bắt buộc)" : "")));
        }
        Table(sb, rows);
        sb.Append('\n').Append(ExitCodesVi).Append('\n');
        return sb.ToString();
    }

    /// <summary>One line: "danvan template --unit MÃ --period KỲ -o TỆP", optional parts in brackets.</summary>
    public static string Usage(Command command)
    {
        var parts = new List<string> { Path(command) };
        if (command.Subcommands.Count > 0)
        {
            parts.Add(string.Join("|", command.Subcommands.Select(c => c.Name)) + " …");
        }
        parts.AddRange(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues > 0 ? a.Name : "[" + a.Name + "]"));
        foreach (var option in Options(command).Where(o => o is not HelpOption))
        {
            var name = option.Aliases.FirstOrDefault(a => a.Length == 2) ?? option.Name;
            var text = TakesValue(option) ? name + " " + ValueName(option) : name;
            parts.Add(option.Required ? text : "[" + text + "]");
        }
        return string.Join(" ", parts);
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }
        return string.Join(" ", names);
    }

    /// <summary>The command's own options, then the help option inherited from the root.</summary>
    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Concat(CommandLine.Root.Options.Where(o => o.Recursive));

    private static bool TakesValue(Option option) => option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);

    private static string ValueName(Option option) => option.HelpName ?? "GIÁ_TRỊ";

    private static void Table(StringBuilder sb, IReadOnlyList<(string Left, string Right)> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Left.Length) + 2;
        foreach (var (left, right) in rows)
        {
            sb.Append("  ").Append(left.PadRight(width)).Append(right).Append('\n');
        }
    }
}
