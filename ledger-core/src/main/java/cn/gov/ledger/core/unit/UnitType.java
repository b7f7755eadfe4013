package cn.gov.ledger.core.unit;

/** The kind of body a budget unit is (单位类型), as the final accounts distinguish them. */
public enum UnitType {
    /** 行政单位: an organ of government, such as a department itself. */
    ADMINISTRATIVE,
    /** 参照公务员法管理事业单位: a public institution whose staff are managed as civil servants. */
    CIVIL_SERVICE_INSTITUTION,
    /** 事业单位: a public institution. */
    PUBLIC_INSTITUTION,
    /** 其他: any other unit, and a unit whose type was not given. */
    OTHER
}
