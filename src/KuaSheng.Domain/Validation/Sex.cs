namespace KuaSheng.Domain.Validation;

/// <summary>Sex as encoded in the 17th digit of a resident ID number (odd = male).</summary>
public enum Sex
{
    Female = 0,
    Male = 1,
}
