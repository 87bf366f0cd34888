using KuaSheng.Domain.Catalogue.Source;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>Every field of every item is traced back to its own row of the seed text.</summary>
public class CatalogueTraceTests
{
    private static readonly IReadOnlyList<SourceItem> Items = CatalogueSource.LoadEmbedded();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Names_reparsed_from_the_line_after_each_seq_equal_the_json(int batch)
    {
        // A row's name is the cell right after its "\t<seq>" line, and never broken over lines.
        var fromText = SeedText.Rows(batch).Select(r => r.Lines[1].TrimStart('\t').Trim());
        Assert.Equal(fromText, Items.Where(i => i.Batch == batch).Select(i => i.Name));
    }

    [Fact]
    public void Cells_reparsed_from_each_row_equal_the_json()
    {
        var failures = new List<string>();
        foreach (var item in Items)
        {
            var cells = SeedText.Cells(SeedText.Rows(item.Batch).Single(r => r.Seq == item.Seq).Lines);
            var coop = string.Join("、", item.CityCooperating);
            // Batch 3 has no 配合单位 column: a cooperating department sits in the lead cell instead.
            string[] expected = item.Batch == 3
                ? [item.Name, item.Scenario, coop.Length == 0 ? item.CityLead : $"{item.CityLead}（配合单位：{coop}）", item.DistrictUnitsText, item.DeadlineText ?? ""]
                : [item.Name, item.Scenario, item.CityLead, coop, item.DistrictUnitsText];
            if (!cells.SequenceEqual(expected))
                failures.Add($"{item.Code}: text [{string.Join(" | ", cells)}] json [{string.Join(" | ", expected)}]");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_field_appears_in_the_items_own_row_of_its_own_batch()
    {
        var failures = new List<string>();
        foreach (var item in Items)
        {
            var section = SeedText.Flat(SeedText.Section(item.Batch));
            var row = SeedText.Flat(SeedText.Rows(item.Batch).Single(r => r.Seq == item.Seq).Lines);
            var fields = new List<(string Label, string Value)>
            {
                ("name", item.Name), ("scenario", item.Scenario), ("cityLead", item.CityLead),
                ("districtUnitsText", item.DistrictUnitsText),
            };
            fields.AddRange(item.CityCooperating.Select(c => ("cityCooperating", c)));
            fields.AddRange(item.DistrictUnits.Select(u => ("districtUnit", u)));
            fields.AddRange(item.Notes.Select(n => ("note", n)));
            if (item.DeadlineText is { } deadline) fields.Add(("deadlineText", deadline));
            foreach (var (label, value) in fields)
            {
                if (string.IsNullOrWhiteSpace(value)) failures.Add($"{item.Code} {label} is empty");
                else if (!row.Contains(SeedText.Flat(value), StringComparison.Ordinal)) failures.Add($"{item.Code} {label} '{value}' not in its row");
                else if (!section.Contains(SeedText.Flat(value), StringComparison.Ordinal)) failures.Add($"{item.Code} {label} '{value}' not in batch {item.Batch}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Units_text_is_the_units_and_notes_put_back_together()
    {
        // Nothing of the cell is lost: removing units, notes and separators leaves only brackets and commas.
        Assert.All(Items.Where(i => i.DistrictUnitsText != "--"), i =>
        {
            var rest = i.DistrictUnitsText;
            foreach (var part in i.Notes.Concat(i.DistrictUnits).OrderByDescending(p => p.Length))
                rest = rest.Replace(part, "", StringComparison.Ordinal);
            Assert.Matches("^[、，（）]*$", rest);
        });
    }

    [Fact]
    public void Items_with_no_district_unit_are_the_dashes_of_the_seed()
    {
        var dashes = Items.Where(i => i.DistrictUnitsText == "--").ToList();
        Assert.All(dashes, i => { Assert.Empty(i.DistrictUnits); Assert.Empty(i.Notes); });
        Assert.All(Items.Except(dashes), i => Assert.NotEmpty(i.DistrictUnits));
        var inText = Enumerable.Range(1, 3).Sum(b => SeedText.Section(b).Count(l => l.Trim() == "--"));
        Assert.Equal(inText, dashes.Count);
        Assert.Equal(38, dashes.Count);
    }
}
