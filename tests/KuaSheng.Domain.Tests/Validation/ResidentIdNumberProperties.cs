using CsCheck;
using KuaSheng.Domain.Validation;

namespace KuaSheng.Domain.Tests.Validation;

public class ResidentIdNumberProperties
{
    [Fact]
    public void Any_number_with_real_region_date_and_computed_check_is_valid() =>
        Reference.ValidId.Sample(id =>
        {
            var result = ResidentIdNumber.Validate(id, Reference.Today);
            return result.IsValid && result.Value == id && result.Problems.Count == 0;
        });

    [Fact]
    public void Lower_case_x_is_accepted_and_upper_cased() =>
        Reference.ValidId.Where(id => id.EndsWith('X')).Sample(id =>
            ResidentIdNumber.Validate(id.ToLowerInvariant(), Reference.Today).Value == id);

    [Fact]
    public void Changing_any_single_character_makes_it_invalid() =>
        Gen.Select(Reference.ValidId, Gen.Int[0, 17], Gen.Char["0123456789X"])
            .Where((id, position, replacement) => id[position] != replacement && (position == 17 || replacement != 'X'))
            .Sample((id, position, replacement) =>
            {
                var changed = id[..position] + replacement + id[(position + 1)..];
                return !ResidentIdNumber.Validate(changed, Reference.Today).IsValid;
            });

    [Fact]
    public void Swapping_two_adjacent_different_digits_makes_it_invalid() =>
        Gen.Select(Reference.ValidId, Gen.Int[0, 15])
            .Where((id, i) => id[i] != id[i + 1])
            .Sample((id, i) =>
            {
                var swapped = id[..i] + id[i + 1] + id[i] + id[(i + 2)..];
                return !ResidentIdNumber.Validate(swapped, Reference.Today).IsValid;
            });

    [Fact]
    public void Helpers_agree_with_the_generated_parts() =>
        Reference.ValidId.Sample(id =>
            ResidentIdNumber.RegionPrefix(id) == id[..6]
            && ResidentIdNumber.BirthDate(id)?.ToString("yyyyMMdd") == id[6..14]
            && ResidentIdNumber.Sex(id) == ((id[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female));

    [Fact]
    public void Production_check_character_matches_the_reference() =>
        Reference.Digits(17).Sample(body => ResidentIdNumber.ComputeCheckCharacter(body) == Reference.IdCheck(body));
}
