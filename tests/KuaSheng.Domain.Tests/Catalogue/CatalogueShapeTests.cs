using KuaSheng.Domain.Catalogue.Source;

namespace KuaSheng.Domain.Tests.Catalogue;

/// <summary>Counts, codes and order of the extracted catalogue.</summary>
public class CatalogueShapeTests
{
    private static readonly IReadOnlyList<SourceItem> Items = CatalogueSource.LoadEmbedded();

    [Fact]
    public void Has_140_items_58_74_8()
    {
        Assert.Equal(140, Items.Count);
        Assert.Equal([58, 74, 8], Items.GroupBy(i => i.Batch).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal([1, 2, 3], Items.Select(i => i.Batch).Distinct().Order());
    }

    [Fact]
    public void Codes_are_unique_batch_dash_seq_and_seqs_run_1_to_N_in_order()
    {
        Assert.Equal(Items.Count, Items.Select(i => i.Code).Distinct().Count());
        Assert.All(Items, i => Assert.Equal($"{i.Batch}-{i.Seq}", i.Code));
        foreach (var batch in Items.GroupBy(i => i.Batch))
            Assert.Equal(Enumerable.Range(1, batch.Count()), batch.Select(i => i.Seq));
        Assert.Equal(Items.OrderBy(i => i.Batch).ThenBy(i => i.Seq).Select(i => i.Code), Items.Select(i => i.Code));
    }

    [Fact]
    public void Seed_announces_the_same_counts_and_has_that_many_rows()
    {
        int[] expected = [58, 74, 8];
        for (var batch = 1; batch <= 3; batch++)
        {
            Assert.Equal(expected[batch - 1], SeedText.Rows(batch).Count);
            Assert.Equal(Enumerable.Range(1, expected[batch - 1]), SeedText.Rows(batch).Select(r => r.Seq));
        }
    }

    [Fact]
    public void Deadline_text_only_in_batch_3()
    {
        Assert.All(Items, i => Assert.Equal(i.Batch == 3, i.DeadlineText is not null));
    }

    [Fact]
    public void Json_names_the_seed_it_was_extracted_from()
    {
        using var stream = typeof(CatalogueSource).Assembly.GetManifestResourceStream(CatalogueSource.ResourceName)!;
        using var json = System.Text.Json.JsonDocument.Parse(stream);
        var source = json.RootElement.GetProperty("source").GetString()!;
        Assert.Equal("docs/source/qijiang-kuasheng-plan-2021.txt", source);
        Assert.Equal(System.IO.Path.GetFileName(source), System.IO.Path.GetFileName(SeedText.Path));
    }

    [Fact]
    public void Load_is_cached_and_read_only()
    {
        Assert.Same(Items, CatalogueSource.LoadEmbedded());
        Assert.True(((ICollection<SourceItem>)Items).IsReadOnly);
        Assert.True(((ICollection<string>)Items[0].DistrictUnits).IsReadOnly);
        Assert.True(((ICollection<string>)Items[0].CityCooperating).IsReadOnly);
        Assert.True(((ICollection<string>)Items[0].Notes).IsReadOnly);
    }

    [Fact]
    public async Task Concurrent_first_loads_see_one_instance()
    {
        var loads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(CatalogueSource.LoadEmbedded)));
        Assert.All(loads, l => Assert.Same(Items, l));
    }
}
