using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KuaSheng.Cli;

/// <summary>One invocation: the node client, where output goes, and whether people (tables) or scripts (<c>--json</c>)
/// read it.</summary>
public sealed class Session(NodeClient node, TextWriter stdout, bool json) : IDisposable
{
    private IAnsiConsole? _console;

    public NodeClient Node { get; } = node;
    public TextWriter Out { get; } = stdout;
    public bool Json { get; } = json;

    /// <summary>Spectre.Console over <see cref="Out"/>: colours only on a terminal; wide enough when redirected that
    /// tables are not wrapped for grep.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole(Out);

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 240;
        return console;
    }

    /// <summary>GETs <paramref name="path"/>: with <c>--json</c> prints the server's JSON and gives null (nothing more
    /// to do), else gives the body for a table.</summary>
    public async Task<JsonNode?> GetForPeople(string path, CancellationToken ct)
    {
        var answer = await Node.Get(path, ct);
        if (!Json) return answer.Body;
        WriteJson(answer.Text);
        return null;
    }

    /// <summary>The server's JSON as it came, for scripts.</summary>
    public void WriteJson(string text) => Out.WriteLine(text.Trim());

    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(CliJson.Options));

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void Line(string text) => Out.WriteLine(text);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
        return table;
    }

    /// <summary>A row of plain text (no markup in server data is ever interpreted).</summary>
    public static void Row(Table table, params object?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(Cell(c))).ToArray());

    public static string Cell(object? value) => value switch
    {
        null => "",
        JsonArray a => string.Join(", ", a.Select(Cell)),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonNode n => n.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    public void Dispose() => Node.Dispose();
}
