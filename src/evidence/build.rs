//! Constructors: the evidence structs are `#[non_exhaustive]` (they may gain fields), so code
//! outside the crate builds them with `new` and the `with_*` setters.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;

// Constructors: the structs are `#[non_exhaustive]` (they may gain fields), so code outside
// the crate makes them with `new` and the `with_*` setters.

impl Period {
    /// A period of `days` days starting (and, until [`Period::with_end`], ending) on `start`.
    pub fn new(start: NaiveDate, days: Decimal) -> Self {
        Period {
            start,
            end: None,
            days,
        }
    }

    /// Sets the last day.
    #[must_use]
    pub fn with_end(mut self, end: NaiveDate) -> Self {
        self.end = Some(end);
        self
    }
}

impl DayActivity {
    /// A day-based activity of the default subject.
    pub fn new(period: Period) -> Self {
        DayActivity {
            subject: None,
            period,
        }
    }

    /// Declares the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }
}

impl Training {
    /// A training item with only its period: default subject, format, provider and filing.
    pub fn new(period: Period) -> Self {
        Training {
            subject: None,
            format: None,
            provider: None,
            filed: None,
            period,
            mode: None,
            hours: None,
        }
    }

    /// Declares the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Sets the format.
    #[must_use]
    pub fn with_format(mut self, format: TrainingFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets who ran it.
    #[must_use]
    pub fn with_provider(mut self, provider: Provider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Sets whether employer-run training was filed (备案).
    #[must_use]
    pub fn with_filed(mut self, filed: bool) -> Self {
        self.filed = Some(filed);
        self
    }
}

impl Conference {
    /// A conference item with only its period.
    pub fn new(period: Period) -> Self {
        Conference {
            subject: None,
            activity: None,
            period,
            level: None,
            presented_characters: None,
        }
    }

    /// Declares the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Sets the kind of meeting.
    #[must_use]
    pub fn with_activity(mut self, activity: MeetingKind) -> Self {
        self.activity = Some(activity);
        self
    }
}

impl CertifiedHours {
    /// Hours stated on a certificate, completed on `date`, of the default subject.
    pub fn new(date: NaiveDate, hours: Decimal) -> Self {
        CertifiedHours {
            subject: None,
            date,
            hours,
        }
    }

    /// Declares the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }
}

impl ResearchProject {
    /// A project of the default sponsor (government).
    pub fn new(level: Level, role: Role, rank: u32, completed: NaiveDate) -> Self {
        ResearchProject {
            level,
            sponsor: None,
            role,
            rank,
            completed,
            tier: None,
        }
    }

    /// Sets the sponsor.
    #[must_use]
    pub fn with_sponsor(mut self, sponsor: Sponsor) -> Self {
        self.sponsor = Some(sponsor);
        self
    }
}

impl Book {
    /// A book with only its author rank and publication date.
    pub fn new(author_rank: u32, published: NaiveDate) -> Self {
        Book {
            work: None,
            author_rank,
            published,
            title: None,
            isbn: None,
        }
    }

    /// Sets the kind of work.
    #[must_use]
    pub fn with_work(mut self, work: BookKind) -> Self {
        self.work = Some(work);
        self
    }

    /// Sets the title.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the ISBN as printed.
    #[must_use]
    pub fn with_isbn(mut self, isbn: impl Into<String>) -> Self {
        self.isbn = Some(isbn.into());
        self
    }
}

impl Paper {
    /// A paper with only its author rank and publication date.
    pub fn new(author_rank: u32, published: NaiveDate) -> Self {
        Paper {
            author_rank,
            published,
            serial: None,
            journal: None,
            title: None,
            foreign: None,
        }
    }

    /// Sets the unified serial number (CN or ISSN).
    #[must_use]
    pub fn with_serial(mut self, serial: impl Into<String>) -> Self {
        self.serial = Some(serial.into());
        self
    }

    /// Sets the journal name.
    #[must_use]
    pub fn with_journal(mut self, journal: impl Into<String>) -> Self {
        self.journal = Some(journal.into());
        self
    }

    /// Sets the title.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets whether the journal is foreign.
    #[must_use]
    pub fn with_foreign(mut self, foreign: bool) -> Self {
        self.foreign = Some(foreign);
        self
    }
}

impl Patent {
    /// A patent without its number.
    pub fn new(class: PatentClass, rank: u32, granted: NaiveDate) -> Self {
        Patent {
            class,
            rank,
            granted,
            number: None,
        }
    }

    /// Sets the patent number.
    #[must_use]
    pub fn with_number(mut self, number: impl Into<String>) -> Self {
        self.number = Some(number.into());
        self
    }
}

impl Award {
    /// An award without its name.
    pub fn new(level: Level, grade: Grade, awarded: NaiveDate) -> Self {
        Award {
            level,
            grade,
            awarded,
            name: None,
        }
    }

    /// Sets the award's name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl SkillsExam {
    /// A passed skills exam.
    pub fn new(exam: SkillsExamKind, modules: u32, passed: NaiveDate) -> Self {
        SkillsExam {
            exam,
            modules,
            passed,
        }
    }
}

impl DegreeCourse {
    /// Courses passed in degree study.
    pub fn new(courses: u32, passed: NaiveDate) -> Self {
        DegreeCourse { courses, passed }
    }
}

impl QualificationExam {
    /// Subjects passed in a qualification exam.
    pub fn new(subjects: u32, passed: NaiveDate) -> Self {
        QualificationExam { subjects, passed }
    }
}

impl Assignment {
    /// An assignment without the level of the body that sent the person.
    pub fn new(
        program: Program,
        start: NaiveDate,
        end: NaiveDate,
        assessment_passed: bool,
    ) -> Self {
        Assignment {
            program,
            start,
            end,
            assessment_passed,
            level: None,
        }
    }

    /// Sets the level of the body that sent the person.
    #[must_use]
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = Some(level);
        self
    }
}

impl CertifiedYear {
    /// One certified year.
    pub fn new(year: i32, public: Decimal, professional: Decimal) -> Self {
        CertifiedYear {
            year,
            public,
            professional,
        }
    }
}

impl PriorCertificate {
    /// An earlier certificate covering `years`.
    pub fn new(years: Vec<CertifiedYear>) -> Self {
        PriorCertificate { years }
    }
}

impl Document {
    /// A document of this type, without file name or size.
    pub fn new(doc_type: DocumentType) -> Self {
        Document {
            doc_type,
            file: None,
            bytes: None,
        }
    }

    /// Sets the file name.
    #[must_use]
    pub fn with_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the file size in bytes.
    #[must_use]
    pub fn with_bytes(mut self, bytes: u64) -> Self {
        self.bytes = Some(bytes);
        self
    }
}

impl Evidence {
    /// An item without documents.
    pub fn new(id: EvidenceId, activity: Activity) -> Self {
        Evidence {
            id,
            activity,
            documents: Vec::new(),
        }
    }

    /// Sets the documents uploaded for it.
    #[must_use]
    pub fn with_documents(mut self, documents: Vec<Document>) -> Self {
        self.documents = documents;
        self
    }
}
