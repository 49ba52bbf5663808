//! The `mentorat` command line: help, import of the official municipality directory.

use std::path::Path;
use std::process::Command;

fn mentorat(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentorat"));
    cmd.env("DATABASE_URL", db).env("RUST_LOG", "warn");
    cmd
}

fn count_municipalities(db: &Path) -> i64 {
    use diesel::prelude::*;
    let mut conn = SqliteConnection::establish(db.to_str().unwrap()).unwrap();
    diesel::sql_query("SELECT COUNT(*) AS n FROM municipalities")
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// GV100AD records built by column as `../shared/GV100AD.md` lays them out.
fn gv_record(ags: &str, name: &str, kind: &str) -> String {
    format!(
        "60{}{}0000{:<50}{:<50}{:<2}    {:>11}{:>11}{:>11}    {:<5}",
        "20250630", ags, name, "", kind, "100", "5000", "", "70173"
    )
}

#[test]
fn help_lists_the_commands_and_their_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_mentorat"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for command in ["serve", "migrate", "create-admin", "import-municipalities"] {
        assert!(help.contains(command), "{help}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_mentorat"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("DATABASE_URL")
            && help.contains("MENTORAT_JWT_SECRET")
            && help.contains("./data/mentorat.db"),
        "{help}"
    );
}

#[test]
fn import_of_a_gv100ad_file_and_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let good = dir.path().join("gv.txt");
    let lines = [
        "402025063008111       Stuttgart, Stadtkreis                             Stuttgart                                         42".to_owned(),
        gv_record("08111000", "Stuttgart, Landeshauptstadt", "62"),
        gv_record("08115003", "Böblingen, Stadt", "67"),
        gv_record("09162000", "München, Landeshauptstadt", "61"),
    ];
    std::fs::write(&good, lines.join("\n")).unwrap();
    let out = mentorat(&db)
        .arg("import-municipalities")
        .arg(&good)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("2 new") && stdout.contains("1 records of other states skipped"),
        "{stdout}"
    );
    assert_eq!(count_municipalities(&db), 2);

    let broken = dir.path().join("broken.txt");
    std::fs::write(
        &broken,
        format!(
            "{}\n{}\n",
            gv_record("08116019", "Esslingen am Neckar, Stadt", "67"),
            gv_record("08116020", "Filderstadt, Stadt", "6x")
        ),
    )
    .unwrap();
    let out = mentorat(&db)
        .arg("import-municipalities")
        .arg(&broken)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("line 2") && stderr.contains("nothing was imported"),
        "{stderr}"
    );
    assert_eq!(
        count_municipalities(&db),
        2,
        "a file with errors imports nothing"
    );
}

/// The full official list, when the team kit beside the repository has it.
#[test]
fn import_of_the_full_baden_wuerttemberg_list() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    let files = [
        data.join("bw_gv100ad.txt"),
        data.join("bw_municipalities.csv"),
    ];
    if !files.iter().all(|f| f.exists()) {
        eprintln!("../shared/data not present; skipping the full-list import");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    for file in &files {
        let out = mentorat(&db)
            .arg("import-municipalities")
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(count_municipalities(&db), 1101);
    }
}
