export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      account_events: {
        Row: {
          actor_id: string
          actor_role: Database["public"]["Enums"]["app_role"]
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["account_event_kind"]
          profile_id: string
          school_id: string
          updated_at: string
        }
        Insert: {
          actor_id: string
          actor_role: Database["public"]["Enums"]["app_role"]
          created_at?: string
          id?: string
          kind: Database["public"]["Enums"]["account_event_kind"]
          profile_id: string
          school_id: string
          updated_at?: string
        }
        Update: {
          actor_id?: string
          actor_role?: Database["public"]["Enums"]["app_role"]
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["account_event_kind"]
          profile_id?: string
          school_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "account_events_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "account_events_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "account_events_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "account_events_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      assessment_periods: {
        Row: {
          created_at: string
          id: string
          period: string
          school_id: string
          school_year_id: string
          test_date: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          period: string
          school_id: string
          school_year_id: string
          test_date: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          period?: string
          school_id?: string
          school_year_id?: string
          test_date?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "assessment_periods_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "assessment_periods_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "assessment_periods_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      attendance: {
        Row: {
          class_id: string
          created_at: string
          entered_by: string | null
          excused: boolean
          id: string
          on_date: string
          reason: string | null
          school_id: string
          school_year_id: string
          semester: number
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          created_at?: string
          entered_by?: string | null
          excused: boolean
          id?: string
          on_date: string
          reason?: string | null
          school_id: string
          school_year_id: string
          semester?: number
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          created_at?: string
          entered_by?: string | null
          excused?: boolean
          id?: string
          on_date?: string
          reason?: string | null
          school_id?: string
          school_year_id?: string
          semester?: number
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "attendance_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "attendance_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attendance_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attendance_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attendance_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "attendance_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "attendance_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      audit_chains: {
        Row: {
          last_hash: string | null
          last_seq: number
          school_id: string
          school_year_key: string
        }
        Insert: {
          last_hash?: string | null
          last_seq?: number
          school_id: string
          school_year_key: string
        }
        Update: {
          last_hash?: string | null
          last_seq?: number
          school_id?: string
          school_year_key?: string
        }
        Relationships: [
          {
            foreignKeyName: "audit_chains_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "audit_chains_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      audit_log: {
        Row: {
          action: string
          actor_id: string | null
          actor_role: string
          hash: string
          id: number
          new_rows: Json | null
          occurred_at: string
          old_rows: Json | null
          prev_hash: string | null
          row_keys: string[]
          school_id: string
          school_year_id: string | null
          seq: number
          student_ids: string[] | null
          table_name: string
        }
        Insert: {
          action: string
          actor_id?: string | null
          actor_role: string
          hash: string
          id?: never
          new_rows?: Json | null
          occurred_at?: string
          old_rows?: Json | null
          prev_hash?: string | null
          row_keys: string[]
          school_id: string
          school_year_id?: string | null
          seq: number
          student_ids?: string[] | null
          table_name: string
        }
        Update: {
          action?: string
          actor_id?: string | null
          actor_role?: string
          hash?: string
          id?: never
          new_rows?: Json | null
          occurred_at?: string
          old_rows?: Json | null
          prev_hash?: string | null
          row_keys?: string[]
          school_id?: string
          school_year_id?: string | null
          seq?: number
          student_ids?: string[] | null
          table_name?: string
        }
        Relationships: [
          {
            foreignKeyName: "audit_log_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "audit_log_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "audit_log_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
        ]
      }
      backup_downloads: {
        Row: {
          approved_until: string | null
          backup_id: string
          decided_at: string | null
          decided_by: string | null
          decision_note: string | null
          id: string
          last_link_at: string | null
          links_issued: number
          reason: string
          requested_at: string
          requested_by: string
          school_id: string
          status: string
        }
        Insert: {
          approved_until?: string | null
          backup_id: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          id?: string
          last_link_at?: string | null
          links_issued?: number
          reason: string
          requested_at?: string
          requested_by: string
          school_id: string
          status?: string
        }
        Update: {
          approved_until?: string | null
          backup_id?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          id?: string
          last_link_at?: string | null
          links_issued?: number
          reason?: string
          requested_at?: string
          requested_by?: string
          school_id?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "backup_downloads_backup_id_fkey"
            columns: ["backup_id"]
            isOneToOne: false
            referencedRelation: "backups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_downloads_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_downloads_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_downloads_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_downloads_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      backup_files: {
        Row: {
          backup_id: string
          byte_size: number
          created_at: string
          id: string
          kind: string
          path: string
          row_count: number | null
          school_id: string
          seq: number
          sha256: string
          source: Json | null
        }
        Insert: {
          backup_id: string
          byte_size: number
          created_at?: string
          id?: string
          kind: string
          path: string
          row_count?: number | null
          school_id: string
          seq: number
          sha256: string
          source?: Json | null
        }
        Update: {
          backup_id?: string
          byte_size?: number
          created_at?: string
          id?: string
          kind?: string
          path?: string
          row_count?: number | null
          school_id?: string
          seq?: number
          sha256?: string
          source?: Json | null
        }
        Relationships: [
          {
            foreignKeyName: "backup_files_backup_id_fkey"
            columns: ["backup_id"]
            isOneToOne: false
            referencedRelation: "backups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_files_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backup_files_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      backups: {
        Row: {
          byte_size: number | null
          class_id: string | null
          finished_at: string | null
          id: string
          job_id: string | null
          kind: string
          label: string
          manifest: Json | null
          manifest_sha256: string | null
          requested_by: string | null
          row_count: number | null
          school_id: string
          school_year_id: string | null
          semester: number | null
          snapshot_at: string | null
          started_at: string
          status: string
        }
        Insert: {
          byte_size?: number | null
          class_id?: string | null
          finished_at?: string | null
          id?: string
          job_id?: string | null
          kind: string
          label: string
          manifest?: Json | null
          manifest_sha256?: string | null
          requested_by?: string | null
          row_count?: number | null
          school_id: string
          school_year_id?: string | null
          semester?: number | null
          snapshot_at?: string | null
          started_at?: string
          status?: string
        }
        Update: {
          byte_size?: number | null
          class_id?: string | null
          finished_at?: string | null
          id?: string
          job_id?: string | null
          kind?: string
          label?: string
          manifest?: Json | null
          manifest_sha256?: string | null
          requested_by?: string | null
          row_count?: number | null
          school_id?: string
          school_year_id?: string | null
          semester?: number | null
          snapshot_at?: string | null
          started_at?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "backups_class_id_fkey"
            columns: ["class_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backups_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backups_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backups_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backups_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "backups_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
        ]
      }
      certificate_keys: {
        Row: {
          certificate_id: string
          failed_attempts: number
          locked_until: string | null
          pin_protected: boolean
          sealed: string
          updated_at: string
        }
        Insert: {
          certificate_id: string
          failed_attempts?: number
          locked_until?: string | null
          pin_protected: boolean
          sealed: string
          updated_at?: string
        }
        Update: {
          certificate_id?: string
          failed_attempts?: number
          locked_until?: string | null
          pin_protected?: boolean
          sealed?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "certificate_keys_certificate_id_fkey"
            columns: ["certificate_id"]
            isOneToOne: true
            referencedRelation: "certificates"
            referencedColumns: ["id"]
          },
        ]
      }
      certificate_requests: {
        Row: {
          certificate_id: string | null
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["certificate_kind"]
          profile_id: string | null
          requested_by: string
          school_id: string
          status: string
          updated_at: string
        }
        Insert: {
          certificate_id?: string | null
          created_at?: string
          id?: string
          kind: Database["public"]["Enums"]["certificate_kind"]
          profile_id?: string | null
          requested_by: string
          school_id: string
          status?: string
          updated_at?: string
        }
        Update: {
          certificate_id?: string | null
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["certificate_kind"]
          profile_id?: string | null
          requested_by?: string
          school_id?: string
          status?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "certificate_requests_certificate_id_fkey"
            columns: ["certificate_id"]
            isOneToOne: false
            referencedRelation: "certificates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificate_requests_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificate_requests_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificate_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificate_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      certificates: {
        Row: {
          created_at: string
          der_base64: string
          id: string
          issued_by: string | null
          issuer_id: string | null
          kind: Database["public"]["Enums"]["certificate_kind"]
          not_after: string
          not_before: string
          profile_id: string | null
          provider: string
          remote_credential_id: string | null
          revocation_reason: string | null
          revoked_at: string | null
          revoked_by: string | null
          school_id: string | null
          serial: string
          status: Database["public"]["Enums"]["certificate_status"]
          subject: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          der_base64: string
          id?: string
          issued_by?: string | null
          issuer_id?: string | null
          kind: Database["public"]["Enums"]["certificate_kind"]
          not_after: string
          not_before: string
          profile_id?: string | null
          provider?: string
          remote_credential_id?: string | null
          revocation_reason?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          school_id?: string | null
          serial: string
          status?: Database["public"]["Enums"]["certificate_status"]
          subject: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          der_base64?: string
          id?: string
          issued_by?: string | null
          issuer_id?: string | null
          kind?: Database["public"]["Enums"]["certificate_kind"]
          not_after?: string
          not_before?: string
          profile_id?: string | null
          provider?: string
          remote_credential_id?: string | null
          revocation_reason?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          school_id?: string | null
          serial?: string
          status?: Database["public"]["Enums"]["certificate_status"]
          subject?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "certificates_issued_by_fkey"
            columns: ["issued_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificates_issuer_id_fkey"
            columns: ["issuer_id"]
            isOneToOne: false
            referencedRelation: "certificates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificates_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificates_revoked_by_fkey"
            columns: ["revoked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificates_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "certificates_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      class_subjects: {
        Row: {
          class_id: string
          created_at: string
          id: string
          periods_per_year: number
          school_id: string
          school_year_id: string
          subject_id: string
          updated_at: string
        }
        Insert: {
          class_id: string
          created_at?: string
          id?: string
          periods_per_year: number
          school_id: string
          school_year_id: string
          subject_id: string
          updated_at?: string
        }
        Update: {
          class_id?: string
          created_at?: string
          id?: string
          periods_per_year?: number
          school_id?: string
          school_year_id?: string
          subject_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "class_subjects_class_year_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "class_subjects_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "class_subjects_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "class_subjects_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "class_subjects_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      classes: {
        Row: {
          created_at: string
          grade: number
          homeroom_teacher_id: string | null
          id: string
          name: string
          school_id: string
          school_year_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          grade: number
          homeroom_teacher_id?: string | null
          id?: string
          name: string
          school_id: string
          school_year_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          grade?: number
          homeroom_teacher_id?: string | null
          id?: string
          name?: string
          school_id?: string
          school_year_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "classes_homeroom_teacher_id_fkey"
            columns: ["homeroom_teacher_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "classes_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "classes_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "classes_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      clinic_visits: {
        Row: {
          arrived_at: string
          class_id: string
          complaint: string
          created_at: string
          entered_by: string | null
          findings: string | null
          guardian_informed: boolean
          id: string
          left_at: string | null
          medicine: string | null
          outcome: string
          school_id: string
          school_year_id: string
          student_id: string
          treatment: string | null
          updated_at: string
          version: number
        }
        Insert: {
          arrived_at?: string
          class_id: string
          complaint: string
          created_at?: string
          entered_by?: string | null
          findings?: string | null
          guardian_informed?: boolean
          id?: string
          left_at?: string | null
          medicine?: string | null
          outcome?: string
          school_id: string
          school_year_id: string
          student_id: string
          treatment?: string | null
          updated_at?: string
          version?: number
        }
        Update: {
          arrived_at?: string
          class_id?: string
          complaint?: string
          created_at?: string
          entered_by?: string | null
          findings?: string | null
          guardian_informed?: boolean
          id?: string
          left_at?: string | null
          medicine?: string | null
          outcome?: string
          school_id?: string
          school_year_id?: string
          student_id?: string
          treatment?: string | null
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "clinic_visits_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "clinic_visits_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "clinic_visits_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "clinic_visits_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "clinic_visits_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "clinic_visits_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "clinic_visits_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      conduct_ratings: {
        Row: {
          class_id: string
          comment: string | null
          created_at: string
          entered_by: string | null
          id: string
          level: string
          school_id: string
          school_year_id: string
          semester: number | null
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          comment?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          level: string
          school_id: string
          school_year_id: string
          semester?: number | null
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          comment?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          level?: string
          school_id?: string
          school_year_id?: string
          semester?: number | null
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "conduct_ratings_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "conduct_ratings_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conduct_ratings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conduct_ratings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conduct_ratings_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "conduct_ratings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "conduct_ratings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      copy_applications: {
        Row: {
          applicant_name: string
          applicant_relation: string
          applied_on: string
          copy_kind: string
          created_at: string
          id: string
          issued_by: string | null
          issued_on: string | null
          number: number | null
          number_year: number | null
          reason: string
          recorded_by: string
          reissue_count: number | null
          school_id: string
          student_id: string
          updated_at: string
        }
        Insert: {
          applicant_name: string
          applicant_relation: string
          applied_on?: string
          copy_kind?: string
          created_at?: string
          id?: string
          issued_by?: string | null
          issued_on?: string | null
          number?: number | null
          number_year?: number | null
          reason: string
          recorded_by?: string
          reissue_count?: number | null
          school_id: string
          student_id: string
          updated_at?: string
        }
        Update: {
          applicant_name?: string
          applicant_relation?: string
          applied_on?: string
          copy_kind?: string
          created_at?: string
          id?: string
          issued_by?: string | null
          issued_on?: string | null
          number?: number | null
          number_year?: number | null
          reason?: string
          recorded_by?: string
          reissue_count?: number | null
          school_id?: string
          student_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "copy_applications_issued_by_fkey"
            columns: ["issued_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "copy_applications_recorded_by_fkey"
            columns: ["recorded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "copy_applications_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "copy_applications_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "copy_applications_student_id_fkey"
            columns: ["student_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "copy_applications_student_id_fkey"
            columns: ["student_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id"]
          },
        ]
      }
      correction_items: {
        Row: {
          applied_at: string | null
          audit_id: number | null
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["entry_kind"]
          proposed_rating: boolean | null
          proposed_score: number | null
          recorded_rating: boolean | null
          recorded_score: number | null
          request_id: string
          school_id: string
          school_year_id: string
          seq: number
          student_id: string
          updated_at: string
        }
        Insert: {
          applied_at?: string | null
          audit_id?: number | null
          created_at?: string
          id?: string
          kind: Database["public"]["Enums"]["entry_kind"]
          proposed_rating?: boolean | null
          proposed_score?: number | null
          recorded_rating?: boolean | null
          recorded_score?: number | null
          request_id: string
          school_id: string
          school_year_id: string
          seq?: number
          student_id: string
          updated_at?: string
        }
        Update: {
          applied_at?: string | null
          audit_id?: number | null
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["entry_kind"]
          proposed_rating?: boolean | null
          proposed_score?: number | null
          recorded_rating?: boolean | null
          recorded_score?: number | null
          request_id?: string
          school_id?: string
          school_year_id?: string
          seq?: number
          student_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "correction_items_audit_id_fkey"
            columns: ["audit_id"]
            isOneToOne: false
            referencedRelation: "audit_log"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_items_request_id_school_year_id_fkey"
            columns: ["request_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "correction_requests"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "correction_items_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_items_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_items_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "correction_items_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      correction_requests: {
        Row: {
          class_id: string
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision_note: string | null
          edited_at: string | null
          forwarded_at: string | null
          forwarded_by: string | null
          id: string
          minuted_at: string | null
          minuted_by: string | null
          minutes_place: string | null
          reason: string
          relocked_at: string | null
          relocked_by: string | null
          requested_by: string
          school_id: string
          school_year_id: string
          semester: number | null
          status: Database["public"]["Enums"]["correction_status"]
          subject_id: string
          submitted_at: string | null
          unlock_ends_at: string | null
          unlocked_at: string | null
          unlocked_by: string | null
          updated_at: string
        }
        Insert: {
          class_id: string
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          edited_at?: string | null
          forwarded_at?: string | null
          forwarded_by?: string | null
          id?: string
          minuted_at?: string | null
          minuted_by?: string | null
          minutes_place?: string | null
          reason: string
          relocked_at?: string | null
          relocked_by?: string | null
          requested_by: string
          school_id: string
          school_year_id: string
          semester?: number | null
          status?: Database["public"]["Enums"]["correction_status"]
          subject_id: string
          submitted_at?: string | null
          unlock_ends_at?: string | null
          unlocked_at?: string | null
          unlocked_by?: string | null
          updated_at?: string
        }
        Update: {
          class_id?: string
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          edited_at?: string | null
          forwarded_at?: string | null
          forwarded_by?: string | null
          id?: string
          minuted_at?: string | null
          minuted_by?: string | null
          minutes_place?: string | null
          reason?: string
          relocked_at?: string | null
          relocked_by?: string | null
          requested_by?: string
          school_id?: string
          school_year_id?: string
          semester?: number | null
          status?: Database["public"]["Enums"]["correction_status"]
          subject_id?: string
          submitted_at?: string | null
          unlock_ends_at?: string | null
          unlocked_at?: string | null
          unlocked_by?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "correction_requests_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "correction_requests_class_id_subject_id_fkey"
            columns: ["class_id", "subject_id"]
            isOneToOne: false
            referencedRelation: "class_subjects"
            referencedColumns: ["class_id", "subject_id"]
          },
          {
            foreignKeyName: "correction_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_forwarded_by_fkey"
            columns: ["forwarded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_minuted_by_fkey"
            columns: ["minuted_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_relocked_by_fkey"
            columns: ["relocked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "correction_requests_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_requests_unlocked_by_fkey"
            columns: ["unlocked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      correction_witnesses: {
        Row: {
          capacity: string
          created_at: string
          id: string
          profile_id: string
          request_id: string
          school_id: string
          school_year_id: string
          updated_at: string
        }
        Insert: {
          capacity: string
          created_at?: string
          id?: string
          profile_id: string
          request_id: string
          school_id: string
          school_year_id: string
          updated_at?: string
        }
        Update: {
          capacity?: string
          created_at?: string
          id?: string
          profile_id?: string
          request_id?: string
          school_id?: string
          school_year_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "correction_witnesses_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_witnesses_request_id_school_year_id_fkey"
            columns: ["request_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "correction_requests"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "correction_witnesses_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "correction_witnesses_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      department_members: {
        Row: {
          created_at: string
          department_id: string
          id: string
          is_head: boolean
          profile_id: string
          school_id: string
          school_year_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          department_id: string
          id?: string
          is_head?: boolean
          profile_id: string
          school_id: string
          school_year_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          department_id?: string
          id?: string
          is_head?: boolean
          profile_id?: string
          school_id?: string
          school_year_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "department_members_department_school_fkey"
            columns: ["department_id", "school_id"]
            isOneToOne: false
            referencedRelation: "departments"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "department_members_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "department_members_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "department_members_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "department_members_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      departments: {
        Row: {
          created_at: string
          id: string
          name: string
          school_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          name: string
          school_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
          school_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "departments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "departments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      document_versions: {
        Row: {
          audit_head: string | null
          audit_seq: number | null
          byte_size: number
          class_id: string | null
          correction_request_id: string | null
          created_at: string
          data_sha256: string
          id: string
          issued_by: string | null
          issued_on: string
          kind: Database["public"]["Enums"]["document_kind"]
          layout_version: number
          school_id: string
          school_year_id: string | null
          sha256: string
          status: Database["public"]["Enums"]["document_status"]
          storage_path: string
          student_id: string | null
          superseded_by: string | null
          supersedes: string | null
          unit_key: string
          updated_at: string
          verification_code: string
          version: number
        }
        Insert: {
          audit_head?: string | null
          audit_seq?: number | null
          byte_size: number
          class_id?: string | null
          correction_request_id?: string | null
          created_at?: string
          data_sha256: string
          id?: string
          issued_by?: string | null
          issued_on: string
          kind: Database["public"]["Enums"]["document_kind"]
          layout_version: number
          school_id: string
          school_year_id?: string | null
          sha256: string
          status?: Database["public"]["Enums"]["document_status"]
          storage_path: string
          student_id?: string | null
          superseded_by?: string | null
          supersedes?: string | null
          unit_key: string
          updated_at?: string
          verification_code: string
          version: number
        }
        Update: {
          audit_head?: string | null
          audit_seq?: number | null
          byte_size?: number
          class_id?: string | null
          correction_request_id?: string | null
          created_at?: string
          data_sha256?: string
          id?: string
          issued_by?: string | null
          issued_on?: string
          kind?: Database["public"]["Enums"]["document_kind"]
          layout_version?: number
          school_id?: string
          school_year_id?: string | null
          sha256?: string
          status?: Database["public"]["Enums"]["document_status"]
          storage_path?: string
          student_id?: string | null
          superseded_by?: string | null
          supersedes?: string | null
          unit_key?: string
          updated_at?: string
          verification_code?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "document_versions_class_id_fkey"
            columns: ["class_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_correction_request_id_fkey"
            columns: ["correction_request_id"]
            isOneToOne: false
            referencedRelation: "correction_requests"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_issued_by_fkey"
            columns: ["issued_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_student_id_fkey"
            columns: ["student_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_student_id_fkey"
            columns: ["student_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_superseded_by_fkey"
            columns: ["superseded_by"]
            isOneToOne: false
            referencedRelation: "document_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_versions_supersedes_fkey"
            columns: ["supersedes"]
            isOneToOne: false
            referencedRelation: "document_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      dossier_events: {
        Row: {
          actor: string | null
          comment: string | null
          created_at: string
          department_id: string | null
          id: number
          kind: string
          obligation_id: string
          party: string
          profile_id: string | null
          school_id: string
          school_year_id: string
          union_group: string | null
          version_id: string | null
        }
        Insert: {
          actor?: string | null
          comment?: string | null
          created_at?: string
          department_id?: string | null
          id?: never
          kind: string
          obligation_id: string
          party: string
          profile_id?: string | null
          school_id: string
          school_year_id: string
          union_group?: string | null
          version_id?: string | null
        }
        Update: {
          actor?: string | null
          comment?: string | null
          created_at?: string
          department_id?: string | null
          id?: never
          kind?: string
          obligation_id?: string
          party?: string
          profile_id?: string | null
          school_id?: string
          school_year_id?: string
          union_group?: string | null
          version_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "dossier_events_actor_fkey"
            columns: ["actor"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_events_obligation_id_fkey"
            columns: ["obligation_id"]
            isOneToOne: false
            referencedRelation: "dossier_obligations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_events_version_id_fkey"
            columns: ["version_id"]
            isOneToOne: false
            referencedRelation: "dossier_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      dossier_groups: {
        Row: {
          code: string
          created_at: string
          id: string
          name: string
          owner_id: string
          sort_order: number
          updated_at: string
        }
        Insert: {
          code: string
          created_at?: string
          id?: string
          name: string
          owner_id: string
          sort_order?: number
          updated_at?: string
        }
        Update: {
          code?: string
          created_at?: string
          id?: string
          name?: string
          owner_id?: string
          sort_order?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "dossier_groups_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_groups_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      dossier_items: {
        Row: {
          accepted_types: string[]
          cadence: string
          code: string
          created_at: string
          due_days: number
          from_year: string | null
          group_id: string
          id: string
          legal_reference: string | null
          max_bytes: number
          name: string
          owner_id: string
          party: string
          reported_up: boolean
          retention_years: number | null
          retired_from_year: string | null
          reviewer: string
          signature_required: boolean
          sort_order: number
          union_group: string | null
          updated_at: string
        }
        Insert: {
          accepted_types?: string[]
          cadence: string
          code: string
          created_at?: string
          due_days?: number
          from_year?: string | null
          group_id: string
          id?: string
          legal_reference?: string | null
          max_bytes?: number
          name: string
          owner_id: string
          party: string
          reported_up?: boolean
          retention_years?: number | null
          retired_from_year?: string | null
          reviewer?: string
          signature_required?: boolean
          sort_order?: number
          union_group?: string | null
          updated_at?: string
        }
        Update: {
          accepted_types?: string[]
          cadence?: string
          code?: string
          created_at?: string
          due_days?: number
          from_year?: string | null
          group_id?: string
          id?: string
          legal_reference?: string | null
          max_bytes?: number
          name?: string
          owner_id?: string
          party?: string
          reported_up?: boolean
          retention_years?: number | null
          retired_from_year?: string | null
          reviewer?: string
          signature_required?: boolean
          sort_order?: number
          union_group?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "dossier_items_group"
            columns: ["group_id", "owner_id"]
            isOneToOne: false
            referencedRelation: "dossier_groups"
            referencedColumns: ["id", "owner_id"]
          },
          {
            foreignKeyName: "dossier_items_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_items_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      dossier_locks: {
        Row: {
          id: string
          locked_at: string
          locked_by: string
          school_id: string
          school_year_id: string
          semester: number | null
        }
        Insert: {
          id?: string
          locked_at?: string
          locked_by: string
          school_id: string
          school_year_id: string
          semester?: number | null
        }
        Update: {
          id?: string
          locked_at?: string
          locked_by?: string
          school_id?: string
          school_year_id?: string
          semester?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "dossier_locks_locked_by_fkey"
            columns: ["locked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_locks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_locks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_locks_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      dossier_obligations: {
        Row: {
          created_at: string
          current_version_id: string | null
          decided_at: string | null
          department_id: string | null
          due_at: string
          due_on: string
          first_submitted_at: string | null
          id: string
          item_id: string
          label: string
          party: string
          period_end: string
          period_start: string
          profile_id: string | null
          school_id: string
          school_year_id: string
          status: string
          submitted_at: string | null
          union_group: string | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          current_version_id?: string | null
          decided_at?: string | null
          department_id?: string | null
          due_at: string
          due_on: string
          first_submitted_at?: string | null
          id?: string
          item_id: string
          label: string
          party: string
          period_end: string
          period_start: string
          profile_id?: string | null
          school_id: string
          school_year_id: string
          status?: string
          submitted_at?: string | null
          union_group?: string | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          current_version_id?: string | null
          decided_at?: string | null
          department_id?: string | null
          due_at?: string
          due_on?: string
          first_submitted_at?: string | null
          id?: string
          item_id?: string
          label?: string
          party?: string
          period_end?: string
          period_start?: string
          profile_id?: string | null
          school_id?: string
          school_year_id?: string
          status?: string
          submitted_at?: string | null
          union_group?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "dossier_obligations_current_version"
            columns: ["current_version_id"]
            isOneToOne: false
            referencedRelation: "dossier_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_obligations_department_id_school_id_fkey"
            columns: ["department_id", "school_id"]
            isOneToOne: false
            referencedRelation: "departments"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "dossier_obligations_item_id_fkey"
            columns: ["item_id"]
            isOneToOne: false
            referencedRelation: "dossier_items"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_obligations_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_obligations_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_obligations_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_obligations_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      dossier_packages: {
        Row: {
          byte_size: number
          created_at: string
          created_by: string
          files: number
          finished_at: string | null
          id: string
          job_id: string | null
          manifest_path: string | null
          manifest_sha256: string | null
          parts: number
          school_id: string
          school_year_id: string
          status: string
        }
        Insert: {
          byte_size?: number
          created_at?: string
          created_by: string
          files?: number
          finished_at?: string | null
          id?: string
          job_id?: string | null
          manifest_path?: string | null
          manifest_sha256?: string | null
          parts?: number
          school_id: string
          school_year_id: string
          status?: string
        }
        Update: {
          byte_size?: number
          created_at?: string
          created_by?: string
          files?: number
          finished_at?: string | null
          id?: string
          job_id?: string | null
          manifest_path?: string | null
          manifest_sha256?: string | null
          parts?: number
          school_id?: string
          school_year_id?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "dossier_packages_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_packages_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_packages_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_packages_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_packages_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      dossier_reopen_requests: {
        Row: {
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision_note: string | null
          department_id: string | null
          id: string
          obligation_id: string
          party: string
          profile_id: string | null
          reason: string
          requested_by: string
          school_id: string
          school_year_id: string
          status: string
          union_group: string | null
        }
        Insert: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          department_id?: string | null
          id?: string
          obligation_id: string
          party: string
          profile_id?: string | null
          reason: string
          requested_by: string
          school_id: string
          school_year_id: string
          status?: string
          union_group?: string | null
        }
        Update: {
          created_at?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          department_id?: string | null
          id?: string
          obligation_id?: string
          party?: string
          profile_id?: string | null
          reason?: string
          requested_by?: string
          school_id?: string
          school_year_id?: string
          status?: string
          union_group?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "dossier_reopen_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_reopen_requests_obligation_id_fkey"
            columns: ["obligation_id"]
            isOneToOne: false
            referencedRelation: "dossier_obligations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_reopen_requests_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      dossier_versions: {
        Row: {
          byte_size: number
          certificate_serial: string | null
          content_type: string
          created_at: string
          department_id: string | null
          file_name: string
          file_type: string
          id: string
          obligation_id: string
          party: string
          profile_id: string | null
          reported_up: boolean
          school_id: string
          school_year_id: string
          sha256: string
          signature_base64: string | null
          signature_kind: string | null
          signed_at: string | null
          signed_by: string | null
          signed_from: string | null
          signer_name: string | null
          storage_path: string
          union_group: string | null
          uploaded_by: string
          version: number
        }
        Insert: {
          byte_size: number
          certificate_serial?: string | null
          content_type: string
          created_at?: string
          department_id?: string | null
          file_name: string
          file_type: string
          id?: string
          obligation_id: string
          party: string
          profile_id?: string | null
          reported_up: boolean
          school_id: string
          school_year_id: string
          sha256: string
          signature_base64?: string | null
          signature_kind?: string | null
          signed_at?: string | null
          signed_by?: string | null
          signed_from?: string | null
          signer_name?: string | null
          storage_path: string
          union_group?: string | null
          uploaded_by: string
          version: number
        }
        Update: {
          byte_size?: number
          certificate_serial?: string | null
          content_type?: string
          created_at?: string
          department_id?: string | null
          file_name?: string
          file_type?: string
          id?: string
          obligation_id?: string
          party?: string
          profile_id?: string | null
          reported_up?: boolean
          school_id?: string
          school_year_id?: string
          sha256?: string
          signature_base64?: string | null
          signature_kind?: string | null
          signed_at?: string | null
          signed_by?: string | null
          signed_from?: string | null
          signer_name?: string | null
          storage_path?: string
          union_group?: string | null
          uploaded_by?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "dossier_versions_obligation_id_fkey"
            columns: ["obligation_id"]
            isOneToOne: false
            referencedRelation: "dossier_obligations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_versions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_versions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_versions_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "dossier_versions_signed_by_fkey"
            columns: ["signed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_versions_signed_from_fkey"
            columns: ["signed_from"]
            isOneToOne: false
            referencedRelation: "dossier_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "dossier_versions_uploaded_by_fkey"
            columns: ["uploaded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      enrolments: {
        Row: {
          class_id: string
          created_at: string
          end_note: string | null
          end_reason: Database["public"]["Enums"]["enrolment_end"] | null
          ended_on: string | null
          id: string
          school_id: string
          school_year_id: string
          start_reason: Database["public"]["Enums"]["enrolment_start"]
          started_on: string
          student_id: string
          transferred_from: string | null
          updated_at: string
        }
        Insert: {
          class_id: string
          created_at?: string
          end_note?: string | null
          end_reason?: Database["public"]["Enums"]["enrolment_end"] | null
          ended_on?: string | null
          id?: string
          school_id: string
          school_year_id: string
          start_reason?: Database["public"]["Enums"]["enrolment_start"]
          started_on: string
          student_id: string
          transferred_from?: string | null
          updated_at?: string
        }
        Update: {
          class_id?: string
          created_at?: string
          end_note?: string | null
          end_reason?: Database["public"]["Enums"]["enrolment_end"] | null
          ended_on?: string | null
          id?: string
          school_id?: string
          school_year_id?: string
          start_reason?: Database["public"]["Enums"]["enrolment_start"]
          started_on?: string
          student_id?: string
          transferred_from?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "enrolments_class_year_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "enrolments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enrolments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enrolments_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "enrolments_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "enrolments_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      gradebook_locks: {
        Row: {
          action: string
          class_id: string | null
          created_at: string
          created_by: string
          decision_id: string
          id: number
          note: string | null
          school_id: string
          school_year_id: string
          semester: number | null
          subject_id: string | null
          updated_at: string
        }
        Insert: {
          action: string
          class_id?: string | null
          created_at?: string
          created_by?: string
          decision_id: string
          id?: never
          note?: string | null
          school_id: string
          school_year_id: string
          semester?: number | null
          subject_id?: string | null
          updated_at?: string
        }
        Update: {
          action?: string
          class_id?: string | null
          created_at?: string
          created_by?: string
          decision_id?: string
          id?: never
          note?: string | null
          school_id?: string
          school_year_id?: string
          semester?: number | null
          subject_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "gradebook_locks_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "gradebook_locks_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gradebook_locks_decision_id_school_year_id_fkey"
            columns: ["decision_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "lock_decisions"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "gradebook_locks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gradebook_locks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gradebook_locks_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "gradebook_locks_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      guardians: {
        Row: {
          created_at: string
          email: string | null
          full_name: string
          id: string
          occupation: string
          phone: string | null
          profile_id: string | null
          relationship: Database["public"]["Enums"]["guardian_relationship"]
          school_id: string
          student_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          email?: string | null
          full_name: string
          id?: string
          occupation?: string
          phone?: string | null
          profile_id?: string | null
          relationship: Database["public"]["Enums"]["guardian_relationship"]
          school_id: string
          student_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          email?: string | null
          full_name?: string
          id?: string
          occupation?: string
          phone?: string | null
          profile_id?: string | null
          relationship?: Database["public"]["Enums"]["guardian_relationship"]
          school_id?: string
          student_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "guardians_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guardians_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guardians_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guardians_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "guardians_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_access_log: {
        Row: {
          id: number
          read_at: string
          reader_id: string
          reader_roles: string
          school_id: string
          student_id: string
        }
        Insert: {
          id?: never
          read_at?: string
          reader_id: string
          reader_roles: string
          school_id: string
          student_id: string
        }
        Update: {
          id?: never
          read_at?: string
          reader_id?: string
          reader_roles?: string
          school_id?: string
          student_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "health_access_log_reader_id_fkey"
            columns: ["reader_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_access_log_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_access_log_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_access_log_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_access_log_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_allergies: {
        Row: {
          action_plan: string | null
          agent: string
          created_at: string
          entered_by: string | null
          id: string
          reaction: string | null
          school_id: string
          severity: string
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          action_plan?: string | null
          agent: string
          created_at?: string
          entered_by?: string | null
          id?: string
          reaction?: string | null
          school_id: string
          severity?: string
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          action_plan?: string | null
          agent?: string
          created_at?: string
          entered_by?: string | null
          id?: string
          reaction?: string | null
          school_id?: string
          severity?: string
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "health_allergies_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_allergies_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_allergies_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_allergies_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_allergies_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_books: {
        Row: {
          created_at: string
          disabilities: string | null
          entered_by: string | null
          id: string
          school_id: string
          special_needs: string | null
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          created_at?: string
          disabilities?: string | null
          entered_by?: string | null
          id?: string
          school_id: string
          special_needs?: string | null
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          created_at?: string
          disabilities?: string | null
          entered_by?: string | null
          id?: string
          school_id?: string
          special_needs?: string | null
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "health_books_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_books_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_books_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_books_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_books_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_conditions: {
        Row: {
          action_plan: string | null
          active: boolean
          created_at: string
          entered_by: string | null
          icd10: string | null
          id: string
          name: string
          noted_on: string | null
          school_id: string
          severity: string
          student_id: string
          triggers: string | null
          updated_at: string
          version: number
        }
        Insert: {
          action_plan?: string | null
          active?: boolean
          created_at?: string
          entered_by?: string | null
          icd10?: string | null
          id?: string
          name: string
          noted_on?: string | null
          school_id: string
          severity?: string
          student_id: string
          triggers?: string | null
          updated_at?: string
          version?: number
        }
        Update: {
          action_plan?: string | null
          active?: boolean
          created_at?: string
          entered_by?: string | null
          icd10?: string | null
          id?: string
          name?: string
          noted_on?: string | null
          school_id?: string
          severity?: string
          student_id?: string
          triggers?: string | null
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "health_conditions_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_conditions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_conditions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_conditions_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_conditions_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_notices: {
        Row: {
          acknowledged_at: string | null
          acknowledged_by: string | null
          body: string
          created_at: string
          id: string
          kind: string
          read_at: string | null
          school_id: string
          school_year_id: string
          screening_id: string | null
          sent_at: string
          sent_by: string | null
          student_id: string
          title: string
        }
        Insert: {
          acknowledged_at?: string | null
          acknowledged_by?: string | null
          body: string
          created_at?: string
          id?: string
          kind: string
          read_at?: string | null
          school_id: string
          school_year_id: string
          screening_id?: string | null
          sent_at?: string
          sent_by?: string | null
          student_id: string
          title: string
        }
        Update: {
          acknowledged_at?: string | null
          acknowledged_by?: string | null
          body?: string
          created_at?: string
          id?: string
          kind?: string
          read_at?: string | null
          school_id?: string
          school_year_id?: string
          screening_id?: string | null
          sent_at?: string
          sent_by?: string | null
          student_id?: string
          title?: string
        }
        Relationships: [
          {
            foreignKeyName: "health_notices_acknowledged_by_fkey"
            columns: ["acknowledged_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_notices_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_notices_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_notices_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_notices_screening_id_fkey"
            columns: ["screening_id"]
            isOneToOne: false
            referencedRelation: "health_screenings"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_notices_sent_by_fkey"
            columns: ["sent_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_notices_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_notices_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_screenings: {
        Row: {
          class_id: string
          created_at: string
          entered_by: string | null
          examiner: string | null
          id: string
          kind: string
          note: string | null
          result: string
          school_id: string
          school_year_id: string
          screened_on: string
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          created_at?: string
          entered_by?: string | null
          examiner?: string | null
          id?: string
          kind: string
          note?: string | null
          result: string
          school_id: string
          school_year_id: string
          screened_on?: string
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          created_at?: string
          entered_by?: string | null
          examiner?: string | null
          id?: string
          kind?: string
          note?: string | null
          result?: string
          school_id?: string
          school_year_id?: string
          screened_on?: string
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "health_screenings_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "health_screenings_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_screenings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_screenings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_screenings_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_screenings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_screenings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      health_settings: {
        Row: {
          retention_years: number
          school_id: string
          updated_at: string
        }
        Insert: {
          retention_years?: number
          school_id: string
          updated_at?: string
        }
        Update: {
          retention_years?: number
          school_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "health_settings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_settings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      health_vaccinations: {
        Row: {
          created_at: string
          dose: number | null
          entered_by: string | null
          given_on: string | null
          id: string
          school_id: string
          student_id: string
          updated_at: string
          vaccine: string
          version: number
        }
        Insert: {
          created_at?: string
          dose?: number | null
          entered_by?: string | null
          given_on?: string | null
          id?: string
          school_id: string
          student_id: string
          updated_at?: string
          vaccine: string
          version?: number
        }
        Update: {
          created_at?: string
          dose?: number | null
          entered_by?: string | null
          given_on?: string | null
          id?: string
          school_id?: string
          student_id?: string
          updated_at?: string
          vaccine?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "health_vaccinations_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_vaccinations_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_vaccinations_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "health_vaccinations_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "health_vaccinations_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      inspections: {
        Row: {
          checked_by: string
          checked_on: string
          class_id: string | null
          created_at: string
          department_id: string | null
          details: Json | null
          findings: string
          follow_up: string | null
          follow_up_by: string | null
          id: string
          kind: string
          period_end: string | null
          period_start: string | null
          school_id: string
          school_year_id: string
          scope: string
          semester: number | null
          subject_id: string | null
          teacher_id: string | null
          updated_at: string
        }
        Insert: {
          checked_by?: string
          checked_on?: string
          class_id?: string | null
          created_at?: string
          department_id?: string | null
          details?: Json | null
          findings: string
          follow_up?: string | null
          follow_up_by?: string | null
          id?: string
          kind: string
          period_end?: string | null
          period_start?: string | null
          school_id: string
          school_year_id: string
          scope?: string
          semester?: number | null
          subject_id?: string | null
          teacher_id?: string | null
          updated_at?: string
        }
        Update: {
          checked_by?: string
          checked_on?: string
          class_id?: string | null
          created_at?: string
          department_id?: string | null
          details?: Json | null
          findings?: string
          follow_up?: string | null
          follow_up_by?: string | null
          id?: string
          kind?: string
          period_end?: string | null
          period_start?: string | null
          school_id?: string
          school_year_id?: string
          scope?: string
          semester?: number | null
          subject_id?: string | null
          teacher_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "inspections_checked_by_fkey"
            columns: ["checked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inspections_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "inspections_department_id_fkey"
            columns: ["department_id"]
            isOneToOne: false
            referencedRelation: "departments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inspections_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inspections_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inspections_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "inspections_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "inspections_teacher_id_fkey"
            columns: ["teacher_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      integrity_checks: {
        Row: {
          checked: Json
          findings: Json
          finished_at: string | null
          id: string
          job_id: string | null
          requested_by: string | null
          school_id: string
          started_at: string
          status: string
          trigger: string
        }
        Insert: {
          checked?: Json
          findings?: Json
          finished_at?: string | null
          id?: string
          job_id?: string | null
          requested_by?: string | null
          school_id: string
          started_at?: string
          status?: string
          trigger: string
        }
        Update: {
          checked?: Json
          findings?: Json
          finished_at?: string | null
          id?: string
          job_id?: string | null
          requested_by?: string | null
          school_id?: string
          started_at?: string
          status?: string
          trigger?: string
        }
        Relationships: [
          {
            foreignKeyName: "integrity_checks_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "integrity_checks_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "integrity_checks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "integrity_checks_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      job_steps: {
        Row: {
          attempts: number
          created_at: string
          error: string | null
          id: number
          job_id: string
          lease_until: string | null
          params: Json
          result: Json | null
          school_id: string
          seq: number
          status: Database["public"]["Enums"]["job_step_status"]
          updated_at: string
        }
        Insert: {
          attempts?: number
          created_at?: string
          error?: string | null
          id?: never
          job_id: string
          lease_until?: string | null
          params: Json
          result?: Json | null
          school_id: string
          seq: number
          status?: Database["public"]["Enums"]["job_step_status"]
          updated_at?: string
        }
        Update: {
          attempts?: number
          created_at?: string
          error?: string | null
          id?: never
          job_id?: string
          lease_until?: string | null
          params?: Json
          result?: Json | null
          school_id?: string
          seq?: number
          status?: Database["public"]["Enums"]["job_step_status"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "job_steps_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "job_steps_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "job_steps_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      jobs: {
        Row: {
          created_at: string
          created_by: string | null
          done: number
          failed: number
          finished_at: string | null
          id: string
          kind: string
          label: string
          params: Json
          school_id: string
          started_at: string | null
          status: Database["public"]["Enums"]["job_status"]
          total: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          done?: number
          failed?: number
          finished_at?: string | null
          id?: string
          kind: string
          label: string
          params?: Json
          school_id: string
          started_at?: string | null
          status?: Database["public"]["Enums"]["job_status"]
          total?: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          done?: number
          failed?: number
          finished_at?: string | null
          id?: string
          kind?: string
          label?: string
          params?: Json
          school_id?: string
          started_at?: string | null
          status?: Database["public"]["Enums"]["job_status"]
          total?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "jobs_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "jobs_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "jobs_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      lock_decisions: {
        Row: {
          action: string
          class_id: string | null
          created_at: string
          decided_by: string
          decided_on: string
          id: string
          number: string
          period: string | null
          school_id: string
          school_year_id: string
          subject_id: string | null
          summary: string
          updated_at: string
        }
        Insert: {
          action?: string
          class_id?: string | null
          created_at?: string
          decided_by?: string
          decided_on?: string
          id?: string
          number: string
          period?: string | null
          school_id: string
          school_year_id: string
          subject_id?: string | null
          summary: string
          updated_at?: string
        }
        Update: {
          action?: string
          class_id?: string | null
          created_at?: string
          decided_by?: string
          decided_on?: string
          id?: string
          number?: string
          period?: string | null
          school_id?: string
          school_year_id?: string
          subject_id?: string | null
          summary?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "lock_decisions_class_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "lock_decisions_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "lock_decisions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "lock_decisions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "lock_decisions_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "lock_decisions_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      memberships: {
        Row: {
          created_at: string
          dossier_duties: string[] | null
          id: string
          org_unit_id: string
          profile_id: string
          role: Database["public"]["Enums"]["app_role"]
          school_id: string | null
          school_year_id: string | null
          union_groups: string[] | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          dossier_duties?: string[] | null
          id?: string
          org_unit_id: string
          profile_id: string
          role: Database["public"]["Enums"]["app_role"]
          school_id?: string | null
          school_year_id?: string | null
          union_groups?: string[] | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          dossier_duties?: string[] | null
          id?: string
          org_unit_id?: string
          profile_id?: string
          role?: Database["public"]["Enums"]["app_role"]
          school_id?: string | null
          school_year_id?: string | null
          union_groups?: string[] | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "memberships_org_unit_id_fkey"
            columns: ["org_unit_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "memberships_org_unit_id_fkey"
            columns: ["org_unit_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "memberships_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "memberships_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "memberships_year_school_fkey"
            columns: ["school_year_id", "org_unit_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      org_units: {
        Row: {
          code: string
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["org_unit_kind"]
          name: string
          parent_id: string | null
          school_level: Database["public"]["Enums"]["school_level"] | null
          updated_at: string
        }
        Insert: {
          code: string
          created_at?: string
          id?: string
          kind: Database["public"]["Enums"]["org_unit_kind"]
          name: string
          parent_id?: string | null
          school_level?: Database["public"]["Enums"]["school_level"] | null
          updated_at?: string
        }
        Update: {
          code?: string
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["org_unit_kind"]
          name?: string
          parent_id?: string | null
          school_level?: Database["public"]["Enums"]["school_level"] | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "org_units_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "org_units_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      print_layouts: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          note: string | null
          school_id: string
          settings: Json
          updated_at: string
          version: number
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          note?: string | null
          school_id: string
          settings?: Json
          updated_at?: string
          version: number
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          note?: string | null
          school_id?: string
          settings?: Json
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "print_layouts_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "print_layouts_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "print_layouts_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          created_at: string
          email: string | null
          full_name: string
          id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          email?: string | null
          full_name: string
          id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          email?: string | null
          full_name?: string
          id?: string
          updated_at?: string
        }
        Relationships: []
      }
      quality_ratings: {
        Row: {
          class_id: string
          code: string
          comment: string | null
          created_at: string
          entered_by: string | null
          id: string
          kind: string
          level: string
          school_id: string
          school_year_id: string
          semester: number
          student_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          code: string
          comment?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          kind: string
          level: string
          school_id: string
          school_year_id: string
          semester: number
          student_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          code?: string
          comment?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          kind?: string
          level?: string
          school_id?: string
          school_year_id?: string
          semester?: number
          student_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "quality_ratings_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "quality_ratings_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quality_ratings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quality_ratings_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "quality_ratings_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "quality_ratings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "quality_ratings_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      restore_requests: {
        Row: {
          applied_at: string | null
          backup_id: string
          decided_at: string | null
          decided_by: string | null
          decision_note: string | null
          id: string
          job_id: string | null
          reason: string
          report: Json
          requested_at: string
          requested_by: string
          school_id: string
          status: string
        }
        Insert: {
          applied_at?: string | null
          backup_id: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          id?: string
          job_id?: string | null
          reason: string
          report?: Json
          requested_at?: string
          requested_by: string
          school_id: string
          status?: string
        }
        Update: {
          applied_at?: string | null
          backup_id?: string
          decided_at?: string | null
          decided_by?: string | null
          decision_note?: string | null
          id?: string
          job_id?: string | null
          reason?: string
          report?: Json
          requested_at?: string
          requested_by?: string
          school_id?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "restore_requests_backup_id_fkey"
            columns: ["backup_id"]
            isOneToOne: false
            referencedRelation: "backups"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "restore_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "restore_requests_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "restore_requests_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "restore_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "restore_requests_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      result_publication_events: {
        Row: {
          action: string
          actor_id: string | null
          correction_request_id: string | null
          created_at: string
          id: number
          note: string | null
          publication_id: string
          school_id: string
          school_year_id: string
          updated_at: string
        }
        Insert: {
          action: string
          actor_id?: string | null
          correction_request_id?: string | null
          created_at?: string
          id?: never
          note?: string | null
          publication_id: string
          school_id: string
          school_year_id: string
          updated_at?: string
        }
        Update: {
          action?: string
          actor_id?: string | null
          correction_request_id?: string | null
          created_at?: string
          id?: never
          note?: string | null
          publication_id?: string
          school_id?: string
          school_year_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "result_publication_events_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publication_events_correction_request_id_fkey"
            columns: ["correction_request_id"]
            isOneToOne: false
            referencedRelation: "correction_requests"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publication_events_publication_id_school_year_id_fkey"
            columns: ["publication_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "result_publications"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "result_publication_events_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publication_events_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      result_publications: {
        Row: {
          approved_at: string | null
          approved_by: string | null
          class_id: string
          created_at: string
          id: string
          proposed_at: string | null
          proposed_by: string | null
          published_at: string | null
          published_by: string | null
          school_id: string
          school_year_id: string
          semester: number | null
          status: Database["public"]["Enums"]["publication_status"]
          updated_at: string
        }
        Insert: {
          approved_at?: string | null
          approved_by?: string | null
          class_id: string
          created_at?: string
          id?: string
          proposed_at?: string | null
          proposed_by?: string | null
          published_at?: string | null
          published_by?: string | null
          school_id: string
          school_year_id: string
          semester?: number | null
          status?: Database["public"]["Enums"]["publication_status"]
          updated_at?: string
        }
        Update: {
          approved_at?: string | null
          approved_by?: string | null
          class_id?: string
          created_at?: string
          id?: string
          proposed_at?: string | null
          proposed_by?: string | null
          published_at?: string | null
          published_by?: string | null
          school_id?: string
          school_year_id?: string
          semester?: number | null
          status?: Database["public"]["Enums"]["publication_status"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "result_publications_approved_by_fkey"
            columns: ["approved_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publications_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "result_publications_proposed_by_fkey"
            columns: ["proposed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publications_published_by_fkey"
            columns: ["published_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publications_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publications_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "result_publications_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      school_deadlines: {
        Row: {
          created_at: string
          crosscheck_weeks: number
          periodic_days: number
          profiles_weeks: number
          regular_time: string
          regular_weekday: number
          school_id: string
          updated_at: string
          updated_by: string | null
        }
        Insert: {
          created_at?: string
          crosscheck_weeks?: number
          periodic_days?: number
          profiles_weeks?: number
          regular_time?: string
          regular_weekday?: number
          school_id: string
          updated_at?: string
          updated_by?: string | null
        }
        Update: {
          created_at?: string
          crosscheck_weeks?: number
          periodic_days?: number
          profiles_weeks?: number
          regular_time?: string
          regular_weekday?: number
          school_id?: string
          updated_at?: string
          updated_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "school_deadlines_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "school_deadlines_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "school_deadlines_updated_by_fkey"
            columns: ["updated_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      school_years: {
        Row: {
          code: string
          created_at: string
          ends_on: string
          id: string
          max_regular_assessments: number
          opened_at: string | null
          opened_by: string | null
          school_id: string
          semester1_ends_on: string
          semester2_started_at: string | null
          semester2_started_by: string | null
          semester2_starts_on: string
          starts_on: string
          updated_at: string
        }
        Insert: {
          code: string
          created_at?: string
          ends_on: string
          id?: string
          max_regular_assessments?: number
          opened_at?: string | null
          opened_by?: string | null
          school_id: string
          semester1_ends_on: string
          semester2_started_at?: string | null
          semester2_started_by?: string | null
          semester2_starts_on: string
          starts_on: string
          updated_at?: string
        }
        Update: {
          code?: string
          created_at?: string
          ends_on?: string
          id?: string
          max_regular_assessments?: number
          opened_at?: string | null
          opened_by?: string | null
          school_id?: string
          semester1_ends_on?: string
          semester2_started_at?: string | null
          semester2_started_by?: string | null
          semester2_starts_on?: string
          starts_on?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "school_years_opened_by_fkey"
            columns: ["opened_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "school_years_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "school_years_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "school_years_semester2_started_by_fkey"
            columns: ["semester2_started_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      score_entries: {
        Row: {
          class_id: string
          comment: string | null
          correction_request_id: string | null
          created_at: string
          entered_by: string | null
          id: string
          is_makeup: boolean
          kind: Database["public"]["Enums"]["entry_kind"]
          level: string | null
          rating: boolean | null
          school_id: string
          school_year_id: string
          score: number | null
          semester: number | null
          seq: number
          student_id: string
          subject_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          comment?: string | null
          correction_request_id?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          is_makeup?: boolean
          kind: Database["public"]["Enums"]["entry_kind"]
          level?: string | null
          rating?: boolean | null
          school_id: string
          school_year_id: string
          score?: number | null
          semester?: number | null
          seq?: number
          student_id: string
          subject_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          comment?: string | null
          correction_request_id?: string | null
          created_at?: string
          entered_by?: string | null
          id?: string
          is_makeup?: boolean
          kind?: Database["public"]["Enums"]["entry_kind"]
          level?: string | null
          rating?: boolean | null
          school_id?: string
          school_year_id?: string
          score?: number | null
          semester?: number | null
          seq?: number
          student_id?: string
          subject_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "score_entries_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "score_entries_class_id_subject_id_fkey"
            columns: ["class_id", "subject_id"]
            isOneToOne: false
            referencedRelation: "class_subjects"
            referencedColumns: ["class_id", "subject_id"]
          },
          {
            foreignKeyName: "score_entries_correction_request_id_fkey"
            columns: ["correction_request_id"]
            isOneToOne: false
            referencedRelation: "correction_requests"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "score_entries_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "score_entries_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "score_entries_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "score_entries_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "score_entries_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "score_entries_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "score_entries_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      signatures: {
        Row: {
          batch_id: string | null
          byte_size: number
          certificate_id: string
          class_id: string
          created_at: string
          document_version_id: string
          id: string
          profile_id: string
          revision: number
          role: Database["public"]["Enums"]["signer_role"]
          school_id: string
          sha256: string
          signed_at: string
          storage_path: string
          subject_id: string | null
        }
        Insert: {
          batch_id?: string | null
          byte_size: number
          certificate_id: string
          class_id: string
          created_at?: string
          document_version_id: string
          id?: string
          profile_id: string
          revision: number
          role: Database["public"]["Enums"]["signer_role"]
          school_id: string
          sha256: string
          signed_at: string
          storage_path: string
          subject_id?: string | null
        }
        Update: {
          batch_id?: string | null
          byte_size?: number
          certificate_id?: string
          class_id?: string
          created_at?: string
          document_version_id?: string
          id?: string
          profile_id?: string
          revision?: number
          role?: Database["public"]["Enums"]["signer_role"]
          school_id?: string
          sha256?: string
          signed_at?: string
          storage_path?: string
          subject_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "signatures_batch_fk"
            columns: ["batch_id"]
            isOneToOne: false
            referencedRelation: "signing_batches"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_certificate_id_fkey"
            columns: ["certificate_id"]
            isOneToOne: false
            referencedRelation: "certificates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_class_id_fkey"
            columns: ["class_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_document_version_id_fkey"
            columns: ["document_version_id"]
            isOneToOne: false
            referencedRelation: "document_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signatures_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      signing_batch_items: {
        Row: {
          also_subject_ids: string[]
          base_revision: number | null
          batch_id: string
          byte_range: number[] | null
          digest: string | null
          document_version_id: string
          error: string | null
          hash: string | null
          prepared_path: string | null
          school_id: string
          seq: number
          signature_id: string | null
          signing_time: string | null
          status: string
          updated_at: string
        }
        Insert: {
          also_subject_ids?: string[]
          base_revision?: number | null
          batch_id: string
          byte_range?: number[] | null
          digest?: string | null
          document_version_id: string
          error?: string | null
          hash?: string | null
          prepared_path?: string | null
          school_id: string
          seq: number
          signature_id?: string | null
          signing_time?: string | null
          status?: string
          updated_at?: string
        }
        Update: {
          also_subject_ids?: string[]
          base_revision?: number | null
          batch_id?: string
          byte_range?: number[] | null
          digest?: string | null
          document_version_id?: string
          error?: string | null
          hash?: string | null
          prepared_path?: string | null
          school_id?: string
          seq?: number
          signature_id?: string | null
          signing_time?: string | null
          status?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "signing_batch_items_batch_id_fkey"
            columns: ["batch_id"]
            isOneToOne: false
            referencedRelation: "signing_batches"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batch_items_document_version_id_fkey"
            columns: ["document_version_id"]
            isOneToOne: false
            referencedRelation: "document_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batch_items_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batch_items_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batch_items_signature_id_fkey"
            columns: ["signature_id"]
            isOneToOne: false
            referencedRelation: "signatures"
            referencedColumns: ["id"]
          },
        ]
      }
      signing_batches: {
        Row: {
          certificate_id: string
          class_id: string
          created_at: string
          document: string
          done: number
          error: string | null
          expires_at: string | null
          finished_at: string | null
          id: string
          job_id: string | null
          label: string
          profile_id: string
          remote_expires_at: string | null
          remote_transaction_id: string | null
          role: Database["public"]["Enums"]["signer_role"]
          school_id: string
          school_year_id: string
          status: string
          subject_id: string | null
          total: number
          transaction_id: string | null
          updated_at: string
        }
        Insert: {
          certificate_id: string
          class_id: string
          created_at?: string
          document?: string
          done?: number
          error?: string | null
          expires_at?: string | null
          finished_at?: string | null
          id?: string
          job_id?: string | null
          label: string
          profile_id: string
          remote_expires_at?: string | null
          remote_transaction_id?: string | null
          role: Database["public"]["Enums"]["signer_role"]
          school_id: string
          school_year_id: string
          status?: string
          subject_id?: string | null
          total?: number
          transaction_id?: string | null
          updated_at?: string
        }
        Update: {
          certificate_id?: string
          class_id?: string
          created_at?: string
          document?: string
          done?: number
          error?: string | null
          expires_at?: string | null
          finished_at?: string | null
          id?: string
          job_id?: string | null
          label?: string
          profile_id?: string
          remote_expires_at?: string | null
          remote_transaction_id?: string | null
          role?: Database["public"]["Enums"]["signer_role"]
          school_id?: string
          school_year_id?: string
          status?: string
          subject_id?: string | null
          total?: number
          transaction_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "signing_batches_certificate_id_fkey"
            columns: ["certificate_id"]
            isOneToOne: false
            referencedRelation: "certificates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_class_id_fkey"
            columns: ["class_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_job_id_fkey"
            columns: ["job_id"]
            isOneToOne: false
            referencedRelation: "jobs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_batches_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      signing_provider_secrets: {
        Row: {
          school_id: string
          sealed: string
        }
        Insert: {
          school_id: string
          sealed: string
        }
        Update: {
          school_id?: string
          sealed?: string
        }
        Relationships: [
          {
            foreignKeyName: "signing_provider_secrets_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "signing_providers"
            referencedColumns: ["school_id"]
          },
        ]
      }
      signing_providers: {
        Row: {
          base_url: string
          client_id: string
          configured_at: string
          configured_by: string | null
          provider: string
          school_id: string
          trusted_root_der_base64: string
        }
        Insert: {
          base_url: string
          client_id: string
          configured_at?: string
          configured_by?: string | null
          provider: string
          school_id: string
          trusted_root_der_base64: string
        }
        Update: {
          base_url?: string
          client_id?: string
          configured_at?: string
          configured_by?: string | null
          provider?: string
          school_id?: string
          trusted_root_der_base64?: string
        }
        Relationships: [
          {
            foreignKeyName: "signing_providers_configured_by_fkey"
            columns: ["configured_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_providers_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_providers_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: true
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      signing_windows: {
        Row: {
          class_id: string
          closes_on: string
          created_at: string
          homeroom_after_teachers: boolean
          id: string
          opened_by: string
          opens_on: string
          school_id: string
          school_year_id: string
          updated_at: string
        }
        Insert: {
          class_id: string
          closes_on: string
          created_at?: string
          homeroom_after_teachers?: boolean
          id?: string
          opened_by: string
          opens_on: string
          school_id: string
          school_year_id: string
          updated_at?: string
        }
        Update: {
          class_id?: string
          closes_on?: string
          created_at?: string
          homeroom_after_teachers?: boolean
          id?: string
          opened_by?: string
          opens_on?: string
          school_id?: string
          school_year_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "signing_windows_class_id_fkey"
            columns: ["class_id"]
            isOneToOne: true
            referencedRelation: "classes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_windows_opened_by_fkey"
            columns: ["opened_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_windows_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_windows_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "signing_windows_school_year_id_fkey"
            columns: ["school_year_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id"]
          },
        ]
      }
      student_details: {
        Row: {
          birth_place: string
          created_at: string
          ethnicity: string
          hometown: string
          nationality: string
          priority_group: string
          religion: string
          residence: string
          school_id: string
          student_id: string
          updated_at: string
        }
        Insert: {
          birth_place?: string
          created_at?: string
          ethnicity?: string
          hometown?: string
          nationality?: string
          priority_group?: string
          religion?: string
          residence?: string
          school_id: string
          student_id: string
          updated_at?: string
        }
        Update: {
          birth_place?: string
          created_at?: string
          ethnicity?: string
          hometown?: string
          nationality?: string
          priority_group?: string
          religion?: string
          residence?: string
          school_id?: string
          student_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "student_details_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "student_details_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "student_details_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "student_details_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      student_measures: {
        Row: {
          age_months: number | null
          bmi: number | null
          bmi_status: string | null
          bmi_z: number | null
          class_id: string
          created_at: string
          diastolic: number | null
          entered_by: string | null
          heart_rate: number | null
          height_cm: number | null
          height_status: string | null
          height_z: number | null
          id: string
          measured_on: string
          note: string | null
          school_id: string
          school_year_id: string
          student_id: string
          systolic: number | null
          updated_at: string
          version: number
          vision_left: number | null
          vision_left_glasses: number | null
          vision_right: number | null
          vision_right_glasses: number | null
          weight_kg: number | null
        }
        Insert: {
          age_months?: number | null
          bmi?: number | null
          bmi_status?: string | null
          bmi_z?: number | null
          class_id: string
          created_at?: string
          diastolic?: number | null
          entered_by?: string | null
          heart_rate?: number | null
          height_cm?: number | null
          height_status?: string | null
          height_z?: number | null
          id?: string
          measured_on?: string
          note?: string | null
          school_id: string
          school_year_id: string
          student_id: string
          systolic?: number | null
          updated_at?: string
          version?: number
          vision_left?: number | null
          vision_left_glasses?: number | null
          vision_right?: number | null
          vision_right_glasses?: number | null
          weight_kg?: number | null
        }
        Update: {
          age_months?: number | null
          bmi?: number | null
          bmi_status?: string | null
          bmi_z?: number | null
          class_id?: string
          created_at?: string
          diastolic?: number | null
          entered_by?: string | null
          heart_rate?: number | null
          height_cm?: number | null
          height_status?: string | null
          height_z?: number | null
          id?: string
          measured_on?: string
          note?: string | null
          school_id?: string
          school_year_id?: string
          student_id?: string
          systolic?: number | null
          updated_at?: string
          version?: number
          vision_left?: number | null
          vision_left_glasses?: number | null
          vision_right?: number | null
          vision_right_glasses?: number | null
          weight_kg?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "student_measures_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "student_measures_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "student_measures_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "student_measures_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "student_measures_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "student_measures_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "student_measures_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      students: {
        Row: {
          birth_date: string
          created_at: string
          family_name: string
          full_name: string | null
          gender: Database["public"]["Enums"]["gender"]
          given_name: string
          id: string
          middle_name: string
          profile_id: string | null
          school_id: string
          search_text: string | null
          student_code: string
          updated_at: string
        }
        Insert: {
          birth_date: string
          created_at?: string
          family_name: string
          full_name?: string | null
          gender: Database["public"]["Enums"]["gender"]
          given_name: string
          id?: string
          middle_name?: string
          profile_id?: string | null
          school_id: string
          search_text?: string | null
          student_code: string
          updated_at?: string
        }
        Update: {
          birth_date?: string
          created_at?: string
          family_name?: string
          full_name?: string | null
          gender?: Database["public"]["Enums"]["gender"]
          given_name?: string
          id?: string
          middle_name?: string
          profile_id?: string | null
          school_id?: string
          search_text?: string | null
          student_code?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "students_profile_id_fkey"
            columns: ["profile_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "students_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "students_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      subject_comments: {
        Row: {
          class_id: string
          comment: string
          created_at: string
          entered_by: string | null
          id: string
          school_id: string
          school_year_id: string
          semester: number
          student_id: string
          subject_id: string
          updated_at: string
          version: number
        }
        Insert: {
          class_id: string
          comment: string
          created_at?: string
          entered_by?: string | null
          id?: string
          school_id: string
          school_year_id: string
          semester: number
          student_id: string
          subject_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          class_id?: string
          comment?: string
          created_at?: string
          entered_by?: string | null
          id?: string
          school_id?: string
          school_year_id?: string
          semester?: number
          student_id?: string
          subject_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "subject_comments_class_id_school_year_id_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "subject_comments_class_id_subject_id_fkey"
            columns: ["class_id", "subject_id"]
            isOneToOne: false
            referencedRelation: "class_subjects"
            referencedColumns: ["class_id", "subject_id"]
          },
          {
            foreignKeyName: "subject_comments_entered_by_fkey"
            columns: ["entered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "subject_comments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "subject_comments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "subject_comments_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_comments_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_comments_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_comments_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      subject_exemptions: {
        Row: {
          created_at: string
          id: string
          reason: string
          school_id: string
          school_year_id: string
          semester: number | null
          student_id: string
          subject_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          reason: string
          school_id: string
          school_year_id: string
          semester?: number | null
          student_id: string
          subject_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          reason?: string
          school_id?: string
          school_year_id?: string
          semester?: number | null
          student_id?: string
          subject_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "subject_exemptions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "subject_exemptions_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "subject_exemptions_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_exemptions_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_exemptions_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "subject_exemptions_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      subjects: {
        Row: {
          assessment_kind: Database["public"]["Enums"]["assessment_kind"]
          category: Database["public"]["Enums"]["subject_category"]
          code: string
          created_at: string
          default_periods_per_year: number
          id: string
          name: string
          school_level: Database["public"]["Enums"]["school_level"]
          sort_order: number
          updated_at: string
        }
        Insert: {
          assessment_kind: Database["public"]["Enums"]["assessment_kind"]
          category: Database["public"]["Enums"]["subject_category"]
          code: string
          created_at?: string
          default_periods_per_year: number
          id?: string
          name: string
          school_level: Database["public"]["Enums"]["school_level"]
          sort_order?: number
          updated_at?: string
        }
        Update: {
          assessment_kind?: Database["public"]["Enums"]["assessment_kind"]
          category?: Database["public"]["Enums"]["subject_category"]
          code?: string
          created_at?: string
          default_periods_per_year?: number
          id?: string
          name?: string
          school_level?: Database["public"]["Enums"]["school_level"]
          sort_order?: number
          updated_at?: string
        }
        Relationships: []
      }
      teaching_assignments: {
        Row: {
          class_id: string
          created_at: string
          end_reason: string | null
          ended_at: string | null
          from_semester: number
          id: string
          school_id: string
          school_year_id: string
          subject_id: string
          teacher_id: string
          to_semester: number
          updated_at: string
        }
        Insert: {
          class_id: string
          created_at?: string
          end_reason?: string | null
          ended_at?: string | null
          from_semester?: number
          id?: string
          school_id: string
          school_year_id: string
          subject_id: string
          teacher_id: string
          to_semester?: number
          updated_at?: string
        }
        Update: {
          class_id?: string
          created_at?: string
          end_reason?: string | null
          ended_at?: string | null
          from_semester?: number
          id?: string
          school_id?: string
          school_year_id?: string
          subject_id?: string
          teacher_id?: string
          to_semester?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "teaching_assignments_class_id_subject_id_fkey"
            columns: ["class_id", "subject_id"]
            isOneToOne: false
            referencedRelation: "class_subjects"
            referencedColumns: ["class_id", "subject_id"]
          },
          {
            foreignKeyName: "teaching_assignments_class_year_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "teaching_assignments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "teaching_assignments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "teaching_assignments_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "teaching_assignments_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "teaching_assignments_teacher_id_fkey"
            columns: ["teacher_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      who_growth_lms: {
        Row: {
          indicator: string
          l: number
          m: number
          month: number
          s: number
          sex: Database["public"]["Enums"]["gender"]
        }
        Insert: {
          indicator: string
          l: number
          m: number
          month: number
          s: number
          sex: Database["public"]["Enums"]["gender"]
        }
        Update: {
          indicator?: string
          l?: number
          m?: number
          month?: number
          s?: number
          sex?: Database["public"]["Enums"]["gender"]
        }
        Relationships: []
      }
      year_placements: {
        Row: {
          action: string
          enrolment_id: string | null
          from_enrolment_id: string
          id: string
          placed_at: string
          placed_by: string | null
          school_id: string
          school_year_id: string
          student_id: string
        }
        Insert: {
          action: string
          enrolment_id?: string | null
          from_enrolment_id: string
          id?: string
          placed_at?: string
          placed_by?: string | null
          school_id: string
          school_year_id: string
          student_id: string
        }
        Update: {
          action?: string
          enrolment_id?: string | null
          from_enrolment_id?: string
          id?: string
          placed_at?: string
          placed_by?: string | null
          school_id?: string
          school_year_id?: string
          student_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "year_placements_enrolment_id_fkey"
            columns: ["enrolment_id"]
            isOneToOne: false
            referencedRelation: "enrolments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "year_placements_from_enrolment_id_fkey"
            columns: ["from_enrolment_id"]
            isOneToOne: false
            referencedRelation: "enrolments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "year_placements_placed_by_fkey"
            columns: ["placed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "year_placements_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "year_placements_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "year_placements_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "year_placements_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "year_placements_student_id_school_id_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
    }
    Views: {
      corrected_entries: {
        Row: {
          corrected: number | null
          school_year_id: string | null
          student_id: string | null
          subject_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "correction_requests_subject_id_fkey"
            columns: ["subject_id"]
            isOneToOne: false
            referencedRelation: "subjects"
            referencedColumns: ["id"]
          },
        ]
      }
      primary_results: {
        Row: {
          class_id: string | null
          completion: string | null
          grade: number | null
          levels: string[] | null
          qualities: string[] | null
          school_id: string | null
          school_year_id: string | null
          student_id: string | null
          subjects: Json | null
          tests: number[] | null
          year_result: string | null
        }
        Relationships: [
          {
            foreignKeyName: "enrolments_class_year_fkey"
            columns: ["class_id", "school_year_id"]
            isOneToOne: false
            referencedRelation: "classes"
            referencedColumns: ["id", "school_year_id"]
          },
          {
            foreignKeyName: "enrolments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enrolments_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enrolments_school_year_id_school_id_fkey"
            columns: ["school_year_id", "school_id"]
            isOneToOne: false
            referencedRelation: "school_years"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "enrolments_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "student_list"
            referencedColumns: ["id", "school_id"]
          },
          {
            foreignKeyName: "enrolments_student_school_fkey"
            columns: ["student_id", "school_id"]
            isOneToOne: false
            referencedRelation: "students"
            referencedColumns: ["id", "school_id"]
          },
        ]
      }
      schools: {
        Row: {
          code: string | null
          created_at: string | null
          id: string | null
          name: string | null
          parent_id: string | null
          school_level: Database["public"]["Enums"]["school_level"] | null
          updated_at: string | null
        }
        Insert: {
          code?: string | null
          created_at?: string | null
          id?: string | null
          name?: string | null
          parent_id?: string | null
          school_level?: Database["public"]["Enums"]["school_level"] | null
          updated_at?: string | null
        }
        Update: {
          code?: string | null
          created_at?: string | null
          id?: string | null
          name?: string | null
          parent_id?: string | null
          school_level?: Database["public"]["Enums"]["school_level"] | null
          updated_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "org_units_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "org_units_parent_id_fkey"
            columns: ["parent_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      student_list: {
        Row: {
          birth_date: string | null
          can_edit: boolean | null
          family_name: string | null
          full_name: string | null
          gender: Database["public"]["Enums"]["gender"] | null
          given_name: string | null
          id: string | null
          middle_name: string | null
          school_id: string | null
          search_text: string | null
          student_code: string | null
        }
        Insert: {
          birth_date?: string | null
          can_edit?: never
          family_name?: string | null
          full_name?: string | null
          gender?: Database["public"]["Enums"]["gender"] | null
          given_name?: string | null
          id?: string | null
          middle_name?: string | null
          school_id?: string | null
          search_text?: string | null
          student_code?: string | null
        }
        Update: {
          birth_date?: string | null
          can_edit?: never
          family_name?: string | null
          full_name?: string | null
          gender?: Database["public"]["Enums"]["gender"] | null
          given_name?: string | null
          id?: string | null
          middle_name?: string | null
          school_id?: string | null
          search_text?: string | null
          student_code?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "students_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "org_units"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "students_school_id_fkey"
            columns: ["school_id"]
            isOneToOne: false
            referencedRelation: "schools"
            referencedColumns: ["id"]
          },
        ]
      }
      student_results: {
        Row: {
          absences: number | null
          absences_excused: number | null
          absences_unexcused: number | null
          award: string | null
          class_id: string | null
          conduct_after_summer: string | null
          conduct_level: string | null
          learning_after_retest: string | null
          learning_level: string | null
          promotion: string | null
          school_id: string | null
          school_year_id: string | null
          semester: number | null
          student_id: string | null
          subjects: Json | null
        }
        Insert: {
          absences?: number | null
          absences_excused?: number | null
          absences_unexcused?: number | null
          award?: string | null
          class_id?: string | null
          conduct_after_summer?: string | null
          conduct_level?: string | null
          learning_after_retest?: string | null
          learning_level?: string | null
          promotion?: string | null
          school_id?: string | null
          school_year_id?: string | null
          semester?: number | null
          student_id?: string | null
          subjects?: Json | null
        }
        Update: {
          absences?: number | null
          absences_excused?: number | null
          absences_unexcused?: number | null
          award?: string | null
          class_id?: string | null
          conduct_after_summer?: string | null
          conduct_level?: string | null
          learning_after_retest?: string | null
          learning_level?: string | null
          promotion?: string | null
          school_id?: string | null
          school_year_id?: string | null
          semester?: number | null
          student_id?: string | null
          subjects?: Json | null
        }
        Relationships: []
      }
      subject_results: {
        Row: {
          assessment_kind: Database["public"]["Enums"]["assessment_kind"] | null
          average: number | null
          class_id: string | null
          final_average: number | null
          final_rating: boolean | null
          rating: boolean | null
          retest_rating: boolean | null
          retest_score: number | null
          school_id: string | null
          school_year_id: string | null
          semester: number | null
          student_id: string | null
          subject_id: string | null
        }
        Insert: {
          assessment_kind?:
            | Database["public"]["Enums"]["assessment_kind"]
            | null
          average?: number | null
          class_id?: string | null
          final_average?: number | null
          final_rating?: boolean | null
          rating?: boolean | null
          retest_rating?: boolean | null
          retest_score?: number | null
          school_id?: string | null
          school_year_id?: string | null
          semester?: number | null
          student_id?: string | null
          subject_id?: string | null
        }
        Update: {
          assessment_kind?:
            | Database["public"]["Enums"]["assessment_kind"]
            | null
          average?: number | null
          class_id?: string | null
          final_average?: number | null
          final_rating?: boolean | null
          rating?: boolean | null
          retest_rating?: boolean | null
          retest_score?: number | null
          school_id?: string | null
          school_year_id?: string | null
          semester?: number | null
          student_id?: string | null
          subject_id?: string | null
        }
        Relationships: []
      }
    }
    Functions: {
      acknowledge_health_notice: {
        Args: { p_acknowledge?: boolean; p_notice_id: string }
        Returns: Json
      }
      advance_correction: {
        Args: {
          p_note?: string
          p_request_id: string
          p_to: Database["public"]["Enums"]["correction_status"]
          p_until?: string
          p_witnesses?: Json
        }
        Returns: {
          class_id: string
          created_at: string
          decided_at: string | null
          decided_by: string | null
          decision_note: string | null
          edited_at: string | null
          forwarded_at: string | null
          forwarded_by: string | null
          id: string
          minuted_at: string | null
          minuted_by: string | null
          minutes_place: string | null
          reason: string
          relocked_at: string | null
          relocked_by: string | null
          requested_by: string
          school_id: string
          school_year_id: string
          semester: number | null
          status: Database["public"]["Enums"]["correction_status"]
          subject_id: string
          submitted_at: string | null
          unlock_ends_at: string | null
          unlocked_at: string | null
          unlocked_by: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "correction_requests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      advance_results: {
        Args: {
          p_action: string
          p_class_id: string
          p_note?: string
          p_semester: number
        }
        Returns: {
          approved_at: string | null
          approved_by: string | null
          class_id: string
          created_at: string
          id: string
          proposed_at: string | null
          proposed_by: string | null
          published_at: string | null
          published_by: string | null
          school_id: string
          school_year_id: string
          semester: number | null
          status: Database["public"]["Enums"]["publication_status"]
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "result_publications"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      age_in_months: {
        Args: { p_birth: string; p_on: string }
        Returns: number
      }
      allowed_actions: {
        Args: { q: Database["public"]["Tables"]["correction_requests"]["Row"] }
        Returns: Database["public"]["Enums"]["correction_status"][]
      }
      app_today: { Args: never; Returns: string }
      archive_document_version: {
        Args: {
          p_byte_size: number
          p_class_id: string
          p_data_sha256: string
          p_issued_by: string
          p_issued_on: string
          p_kind: Database["public"]["Enums"]["document_kind"]
          p_layout_version: number
          p_school_id: string
          p_school_year_id: string
          p_sha256: string
          p_storage_path: string
          p_student_id: string
          p_unit_key: string
          p_verification_code: string
          p_version: number
        }
        Returns: Json
      }
      audit_entries: {
        Args: {
          p_before_id?: number
          p_id?: number
          p_limit?: number
          p_match?: Json
          p_row_key?: string
          p_school_id?: string
          p_school_year_id?: string
          p_student_id?: string
          p_table_name?: string
        }
        Returns: {
          action: string
          actor_id: string
          actor_role: string
          id: number
          new_rows: Json
          occurred_at: string
          old_rows: Json
          row_keys: string[]
          school_id: string
          school_year_id: string
          table_name: string
        }[]
      }
      authorize_password_reset: {
        Args: { p_profile_id: string }
        Returns: string
      }
      backup_objects_slice: {
        Args: { p_backup_id: string; p_from: number; p_to: number }
        Returns: {
          bucket: string
          n: number
          path: string
          sha256: string
          what: string
        }[]
      }
      backup_part_rows: {
        Args: { p_backup_id: string; p_part: number }
        Returns: string
      }
      backup_snapshot: { Args: { p_backup_id: string }; Returns: Json }
      can_edit: {
        Args: { s: Database["public"]["Tables"]["students"]["Row"] }
        Returns: boolean
      }
      certificate_activation: { Args: { p_request_id: string }; Returns: Json }
      change_class: {
        Args: {
          p_class_id: string
          p_enrolment_id: string
          p_note?: string
          p_on: string
        }
        Returns: undefined
      }
      claim_job_steps: {
        Args: { p_lease_seconds?: number; p_limit?: number }
        Returns: {
          attempts: number
          created_at: string
          error: string | null
          id: number
          job_id: string
          lease_until: string | null
          params: Json
          result: Json | null
          school_id: string
          seq: number
          status: Database["public"]["Enums"]["job_step_status"]
          updated_at: string
        }[]
        SetofOptions: {
          from: "*"
          to: "job_steps"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      class_enrolments: {
        Args: { p_class_id: string }
        Returns: {
          birth_date: string
          birth_place: string
          class_id: string
          details_shown: boolean
          end_note: string
          end_reason: Database["public"]["Enums"]["enrolment_end"]
          ended_on: string
          ethnicity: string
          full_name: string
          gender: Database["public"]["Enums"]["gender"]
          id: string
          start_reason: Database["public"]["Enums"]["enrolment_start"]
          started_on: string
          student_code: string
          student_id: string
        }[]
      }
      class_export_data: { Args: { p_backup_id: string }; Returns: Json }
      class_gradebook_data: {
        Args: { p_class_id: string; p_part?: string }
        Returns: Json
      }
      class_health_alerts: {
        Args: { p_class_id: string }
        Returns: {
          action_plan: string
          detail: string
          full_name: string
          kind: string
          label: string
          severity: string
          student_id: string
        }[]
      }
      class_sheet_rights: {
        Args: { p_class_id: string; p_semester: number }
        Returns: Json
      }
      class_signature_board: {
        Args: { p_class_id: string; p_document?: string }
        Returns: Json
      }
      class_summary: {
        Args: { p_class_id: string; p_semester?: number }
        Returns: Json
      }
      correction_minutes: { Args: { p_request_id: string }; Returns: Json }
      create_gradebook_job: { Args: { p_class_id: string }; Returns: string }
      create_print_job: { Args: { p_class_id: string }; Returns: string }
      current_user_context: { Args: never; Returns: Json }
      deadline_rights: {
        Args: { p_school_year_id: string }
        Returns: {
          deadlines: boolean
          test_dates: boolean
        }[]
      }
      deadlines_of: {
        Args: { p_school_id: string }
        Returns: {
          created_at: string
          crosscheck_weeks: number
          periodic_days: number
          profiles_weeks: number
          regular_time: string
          regular_weekday: number
          school_id: string
          updated_at: string
          updated_by: string | null
        }
        SetofOptions: {
          from: "*"
          to: "school_deadlines"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decide_backup_download: {
        Args: { p_approve: boolean; p_download_id: string; p_note?: string }
        Returns: Json
      }
      decide_dossier_reopen: {
        Args: { p_grant: boolean; p_note?: string; p_request_id: string }
        Returns: Json
      }
      decide_restore: {
        Args: { p_approve: boolean; p_note?: string; p_request_id: string }
        Returns: Json
      }
      dossier_compliance: {
        Args: { p_school_year_id: string; p_until?: string }
        Returns: {
          approved: number
          due: number
          group_name: string
          item_id: string
          item_name: string
          late: number
          missing: number
          party: string
          party_key: string
          party_name: string
          returned: number
          submitted: number
        }[]
      }
      dossier_label: { Args: { p_value: string }; Returns: string }
      dossier_list: {
        Args: {
          p_from?: string
          p_limit?: number
          p_mine?: boolean
          p_school_year_id?: string
          p_status?: string
          p_to?: string
          p_to_review?: boolean
        }
        Returns: {
          accepted_types: string[]
          can_review: boolean
          can_submit: boolean
          current_signed: boolean
          current_version: number
          current_version_id: string
          due_at: string
          due_on: string
          group_name: string
          id: string
          item_code: string
          item_id: string
          item_name: string
          label: string
          last_comment: string
          late: boolean
          locked: boolean
          max_bytes: number
          overdue: boolean
          party: string
          party_name: string
          period_end: string
          period_start: string
          reviewer: string
          school_id: string
          school_year_id: string
          signature_required: boolean
          status: string
        }[]
      }
      dossier_periods: {
        Args: {
          p_cadence: string
          p_due_days: number
          p_ends_on: string
          p_semester1_ends_on: string
          p_semester2_starts_on: string
          p_starts_on: string
        }
        Returns: {
          due_on: string
          label: string
          period_end: string
          period_start: string
        }[]
      }
      dossier_school_compliance: {
        Args: never
        Returns: {
          approved: number
          due: number
          late: number
          missing: number
          parent_id: string
          returned: number
          school_id: string
          school_name: string
          school_year_id: string
          share_done: number
          submitted: number
          year_code: string
        }[]
      }
      dossier_sign_check: { Args: { p_version_id: string }; Returns: Json }
      dossier_upload_check: { Args: { p_obligation_id: string }; Returns: Json }
      entry_history: {
        Args: {
          p_kind: Database["public"]["Enums"]["entry_kind"]
          p_school_year_id: string
          p_semester: number
          p_seq?: number
          p_student_id: string
          p_subject_id: string
        }
        Returns: {
          action: string
          actor_name: string
          audit_id: number
          correction_request_id: string
          new_value: string
          occurred_at: string
          old_value: string
        }[]
      }
      family_transcript_data: { Args: { p_student_id: string }; Returns: Json }
      finish_backup: {
        Args: { p_backup_id: string; p_key_id: string }
        Returns: string
      }
      finish_class_export: {
        Args: { p_backup_id: string; p_manifest: string; p_rows: number }
        Returns: undefined
      }
      finish_integrity_check: { Args: { p_check_id: string }; Returns: Json }
      finish_job_step: {
        Args: {
          p_error?: string
          p_ok: boolean
          p_result?: Json
          p_step_id: number
        }
        Returns: undefined
      }
      generate_dossier_obligations: {
        Args: { p_school_year_id: string }
        Returns: number
      }
      gradebook_locked: {
        Args: {
          p_class_id?: string
          p_school_year_id: string
          p_semester: number
          p_subject_id?: string
        }
        Returns: boolean
      }
      gradebook_progress: {
        Args: { p_school_year_id: string; p_semester: number }
        Returns: {
          class_id: string
          class_name: string
          done: number
          due: number
          grade: number
          overdue: number
          regime: string
          required: number
          students: number
          subject_id: string
          subject_name: string
          teacher_id: string
          teacher_name: string
        }[]
      }
      gradebook_sheet: {
        Args: { p_class_id: string; p_semester: number; p_subject_id: string }
        Returns: Json
      }
      health_book: { Args: { p_student_id: string }; Returns: Json }
      health_label: { Args: { p_value: string }; Returns: string }
      health_report: {
        Args: {
          p_class_id?: string
          p_school_id: string
          p_school_year_id?: string
        }
        Returns: Json
      }
      holder_name: {
        Args: { m: Database["public"]["Tables"]["memberships"]["Row"] }
        Returns: string
      }
      homeroom_teacher_name: {
        Args: { c: Database["public"]["Tables"]["classes"]["Row"] }
        Returns: string
      }
      import_class_list: {
        Args: { p_class_id: string; p_rows: Json }
        Returns: Json
      }
      import_health_rows: {
        Args: {
          p_commit?: boolean
          p_kind: string
          p_rows: Json
          p_school_id: string
          p_school_year_id?: string
        }
        Returns: Json
      }
      integrity_check_chains: { Args: { p_check_id: string }; Returns: Json }
      integrity_check_files: {
        Args: { p_check_id: string; p_limit: number; p_offset: number }
        Returns: {
          bucket: string
          kind: string
          path: string
          sha256: string
          what: string
        }[]
      }
      is_current: {
        Args: { y: Database["public"]["Tables"]["school_years"]["Row"] }
        Returns: boolean
      }
      issue_backup_link: { Args: { p_download_id: string }; Returns: Json }
      issue_copy: { Args: { p_application_id: string }; Returns: Json }
      job_gradebook_part: { Args: { p_step_id: number }; Returns: Json }
      job_transcript_data: { Args: { p_step_id: number }; Returns: Json }
      link_guardian_account: {
        Args: { p_guardian_id: string; p_profile_id: string }
        Returns: {
          created_at: string
          email: string | null
          full_name: string
          id: string
          occupation: string
          phone: string | null
          profile_id: string | null
          relationship: Database["public"]["Enums"]["guardian_relationship"]
          school_id: string
          student_id: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "guardians"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      link_student_account: {
        Args: { p_profile_id: string; p_student_id: string }
        Returns: Json
      }
      lock_dossiers: {
        Args: { p_school_year_id: string; p_semester?: number }
        Returns: Json
      }
      my_dossier_tasks: { Args: never; Returns: Json }
      my_results: { Args: never; Returns: Json }
      my_signing_inbox: { Args: never; Returns: Json }
      my_start_page: { Args: never; Returns: Json }
      nurse_overview: { Args: { p_school_id: string }; Returns: Json }
      nutrition_status: {
        Args: {
          p_age_months: number
          p_height_cm: number
          p_sex: Database["public"]["Enums"]["gender"]
          p_weight_kg: number
        }
        Returns: Json
      }
      office_overview: { Args: { p_org_unit_id?: string }; Returns: Json }
      open_school_year: { Args: { p_school_year_id: string }; Returns: Json }
      open_signing_window: {
        Args: {
          p_class_id: string
          p_closes_on: string
          p_homeroom_after_teachers?: boolean
          p_opens_on: string
        }
        Returns: string
      }
      place_students: {
        Args: { p_moves: Json; p_school_year_id: string }
        Returns: Json
      }
      placement_proposals: { Args: { p_school_year_id: string }; Returns: Json }
      prepare_school_year: {
        Args: {
          p_ends_on?: string
          p_school_id: string
          p_semester1_ends_on?: string
          p_semester2_starts_on?: string
          p_starts_on?: string
        }
        Returns: Json
      }
      publication_steps: {
        Args: { p_school_year_id: string; p_semester: number }
        Returns: {
          class_id: string
          missing: string
          status: Database["public"]["Enums"]["publication_status"]
          steps: string[]
        }[]
      }
      reassign_teacher: {
        Args: {
          p_class_id: string
          p_reason: string
          p_subject_id: string
          p_teacher_id: string
        }
        Returns: string
      }
      record_backup_file: {
        Args: {
          p_backup_id: string
          p_byte_size: number
          p_kind: string
          p_path: string
          p_row_count?: number
          p_seq: number
          p_sha256: string
          p_source?: Json
        }
        Returns: undefined
      }
      record_dossier_check: {
        Args: {
          p_conclusion?: string
          p_department_id?: string
          p_follow_up?: string
          p_kind: string
          p_on?: string
          p_school_year_id: string
        }
        Returns: string
      }
      record_dossier_version: {
        Args: {
          p_byte_size: number
          p_certificate_serial?: string
          p_content_type: string
          p_file_name: string
          p_file_type: string
          p_obligation_id: string
          p_sha256: string
          p_signature_base64?: string
          p_signature_kind?: string
          p_signed_at?: string
          p_signed_by?: string
          p_signed_from?: string
          p_signer_name?: string
          p_storage_path: string
          p_uploader: string
        }
        Returns: {
          byte_size: number
          certificate_serial: string | null
          content_type: string
          created_at: string
          department_id: string | null
          file_name: string
          file_type: string
          id: string
          obligation_id: string
          party: string
          profile_id: string | null
          reported_up: boolean
          school_id: string
          school_year_id: string
          sha256: string
          signature_base64: string | null
          signature_kind: string | null
          signed_at: string | null
          signed_by: string | null
          signed_from: string | null
          signer_name: string | null
          storage_path: string
          union_group: string | null
          uploaded_by: string
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "dossier_versions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_proposed_class: {
        Args: { p_class_id: string; p_merge_into?: string }
        Returns: string
      }
      request_backup_download: {
        Args: { p_backup_id: string; p_reason: string }
        Returns: string
      }
      request_certificate: {
        Args: { p_profile_id?: string; p_school_id: string }
        Returns: string
      }
      request_dossier_reopen: {
        Args: { p_obligation_id: string; p_reason: string }
        Returns: string
      }
      request_restore: {
        Args: { p_backup_id: string; p_reason: string }
        Returns: string
      }
      required_regular_assessments: {
        Args: { periods_per_year: number }
        Returns: number
      }
      resettable_accounts: {
        Args: { p_profile_ids: string[] }
        Returns: string[]
      }
      restore_apply: { Args: { p_request_id: string }; Returns: Json }
      restore_check: { Args: { p_request_id: string }; Returns: Json }
      restore_load: {
        Args: {
          p_last: boolean
          p_piece: number
          p_request_id: string
          p_seq: number
          p_text: string
        }
        Returns: Json
      }
      review_dossier: {
        Args: { p_comment?: string; p_decision: string; p_version_id: string }
        Returns: Json
      }
      revoke_certificate: {
        Args: { p_certificate_id: string; p_reason: string }
        Returns: undefined
      }
      save_attendance: {
        Args: { p_changes: Json; p_class_id: string }
        Returns: Json
      }
      save_conduct_ratings: {
        Args: { p_changes: Json; p_class_id: string; p_semester: number }
        Returns: Json
      }
      save_correction_request: {
        Args: {
          p_class_id: string
          p_id: string
          p_items: Json
          p_reason: string
          p_semester: number
          p_subject_id: string
        }
        Returns: string
      }
      save_measures: {
        Args: { p_changes: Json; p_class_id: string }
        Returns: Json
      }
      save_primary_entries: {
        Args: {
          p_changes: Json
          p_class_id: string
          p_semester: number
          p_subject_id: string
        }
        Returns: Json
      }
      save_quality_ratings: {
        Args: {
          p_changes: Json
          p_class_id: string
          p_kind: string
          p_semester: number
        }
        Returns: Json
      }
      save_score_entries: {
        Args: {
          p_changes: Json
          p_class_id: string
          p_semester: number
          p_subject_id: string
        }
        Returns: Json
      }
      schedule_backups: { Args: never; Returns: number }
      schedule_integrity_checks: { Args: never; Returns: number }
      school_summaries: {
        Args: never
        Returns: {
          classes: number
          school_id: string
          school_level: Database["public"]["Enums"]["school_level"]
          school_name: string
          school_year: string
          students: number
          teachers: number
        }[]
      }
      send_health_notices: {
        Args: { p_class_id: string; p_kind?: string }
        Returns: number
      }
      short_of_bmi: {
        Args: { p_class_id: string }
        Returns: {
          full_name: string
          measurements: number
          student_id: string
        }[]
      }
      signing_batch_for_approval: {
        Args: { p_batch_id: string }
        Returns: Json
      }
      signing_provider_check: { Args: { p_school_id: string }; Returns: string }
      start_backup: {
        Args: {
          p_kind: string
          p_school_id: string
          p_school_year_id?: string
          p_semester?: number
        }
        Returns: Json
      }
      start_class_export: { Args: { p_class_id: string }; Returns: Json }
      start_dossier_package: {
        Args: { p_school_year_id: string }
        Returns: Json
      }
      start_integrity_check: {
        Args: { p_school_id: string; p_trigger?: string }
        Returns: Json
      }
      start_semester_two: {
        Args: {
          p_changes?: Json
          p_school_year_id: string
          p_semester2_starts_on?: string
        }
        Returns: Json
      }
      start_signing_batch: {
        Args: {
          p_class_id: string
          p_document?: string
          p_role: Database["public"]["Enums"]["signer_role"]
          p_subject_id?: string
        }
        Returns: Json
      }
      submit_dossier: { Args: { p_version_id: string }; Returns: Json }
      system_status: { Args: never; Returns: Json }
      teacher_name: {
        Args: { a: Database["public"]["Tables"]["teaching_assignments"]["Row"] }
        Returns: string
      }
      transcript_data: {
        Args: { p_school_year_id?: string; p_student_id: string }
        Returns: Json
      }
      tt22_apply_one_subject_adjustment: {
        Args: { comment_passed: boolean[]; level: string; scored: number[] }
        Returns: string
      }
      tt22_award: {
        Args: {
          conduct_year: string
          learning_year: string
          subject_year_averages: number[]
        }
        Returns: string
      }
      tt22_comment_subject_rating: {
        Args: { ratings: boolean[]; required: number }
        Returns: boolean
      }
      tt22_learning_level: {
        Args: { comment_passed: boolean[]; scored: number[] }
        Returns: string
      }
      tt22_learning_level_unadjusted: {
        Args: { comment_passed: boolean[]; scored: number[] }
        Returns: string
      }
      tt22_level_of_rank: { Args: { level_rank: number }; Returns: string }
      tt22_level_rank: { Args: { level: string }; Returns: number }
      tt22_promotion:
        | {
            Args: {
              absences: number
              conduct_year: string
              learning_year: string
            }
            Returns: string
          }
        | {
            Args: {
              absences: number
              conduct_year: string
              learning_year: string
              retest_done: boolean
              summer_training_done: boolean
            }
            Returns: string
          }
      tt22_semester_average:
        | {
            Args: { final: number; midterm: number; regular: number[] }
            Returns: number
          }
        | {
            Args: {
              final: number
              midterm: number
              regular: number[]
              required_regular: number
            }
            Returns: number
          }
      tt22_year_average: {
        Args: { sem1: number; sem2: number }
        Returns: number
      }
      tt22_year_conduct: {
        Args: { sem1: string; sem2: string }
        Returns: string
      }
      tt27_programme_completion: {
        Args: { p_grade: number; p_result: string }
        Returns: string
      }
      tt27_quality_codes: { Args: never; Returns: string[] }
      tt27_test_required: {
        Args: { p_grade: number; p_period: string; p_subject_code: string }
        Returns: boolean
      }
      tt27_year_result: {
        Args: { p_qualities: string[]; p_subjects: string[]; p_tests: number[] }
        Returns: string
      }
      undo_placements: {
        Args: { p_school_year_id: string; p_student_ids?: string[] }
        Returns: number
      }
      verify_audit_chain: {
        Args: { p_school_id: string; p_school_year_id?: string }
        Returns: number
      }
      verify_document: { Args: { p_code: string }; Returns: Json }
      who_zscore: {
        Args: {
          p_age_months: number
          p_indicator: string
          p_sex: Database["public"]["Enums"]["gender"]
          p_value: number
        }
        Returns: number
      }
    }
    Enums: {
      account_event_kind: "create" | "reset_password"
      app_role:
        | "principal"
        | "vice_principal"
        | "admin_board"
        | "dept_head"
        | "homeroom_teacher"
        | "subject_teacher"
        | "nurse"
        | "clerk"
        | "it_staff"
        | "inspector"
        | "union_officer"
        | "district_officer"
        | "province_officer"
        | "guardian"
        | "student"
      assessment_kind: "scored" | "comment"
      certificate_kind: "root" | "school_ca" | "tsa" | "person" | "organisation"
      certificate_status: "active" | "revoked"
      correction_status:
        | "draft"
        | "submitted"
        | "forwarded"
        | "approved"
        | "rejected"
        | "unlocked"
        | "edited"
        | "relocked"
        | "minuted"
        | "withdrawn"
      document_kind:
        | "transcript_year"
        | "transcript"
        | "class_gradebook"
        | "correction_minutes"
        | "copy"
      document_status: "current" | "superseded" | "revoked"
      enrolment_end:
        | "year_end"
        | "class_change"
        | "transfer_out"
        | "dropout"
        | "graduated"
      enrolment_start:
        | "new"
        | "promoted"
        | "repeating"
        | "class_change"
        | "transfer_in"
      entry_kind: "tx" | "gk" | "ck" | "retest"
      gender: "male" | "female"
      guardian_relationship: "father" | "mother" | "guardian"
      job_status: "queued" | "running" | "done" | "failed"
      job_step_status: "queued" | "running" | "done" | "failed"
      org_unit_kind: "province" | "district" | "school"
      publication_status: "draft" | "proposed" | "approved" | "published"
      school_level: "primary" | "lower_secondary" | "upper_secondary"
      signer_role: "subject" | "homeroom" | "principal" | "organisation"
      subject_category: "compulsory" | "elective" | "topic" | "activity"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      account_event_kind: ["create", "reset_password"],
      app_role: [
        "principal",
        "vice_principal",
        "admin_board",
        "dept_head",
        "homeroom_teacher",
        "subject_teacher",
        "nurse",
        "clerk",
        "it_staff",
        "inspector",
        "union_officer",
        "district_officer",
        "province_officer",
        "guardian",
        "student",
      ],
      assessment_kind: ["scored", "comment"],
      certificate_kind: ["root", "school_ca", "tsa", "person", "organisation"],
      certificate_status: ["active", "revoked"],
      correction_status: [
        "draft",
        "submitted",
        "forwarded",
        "approved",
        "rejected",
        "unlocked",
        "edited",
        "relocked",
        "minuted",
        "withdrawn",
      ],
      document_kind: [
        "transcript_year",
        "transcript",
        "class_gradebook",
        "correction_minutes",
        "copy",
      ],
      document_status: ["current", "superseded", "revoked"],
      enrolment_end: [
        "year_end",
        "class_change",
        "transfer_out",
        "dropout",
        "graduated",
      ],
      enrolment_start: [
        "new",
        "promoted",
        "repeating",
        "class_change",
        "transfer_in",
      ],
      entry_kind: ["tx", "gk", "ck", "retest"],
      gender: ["male", "female"],
      guardian_relationship: ["father", "mother", "guardian"],
      job_status: ["queued", "running", "done", "failed"],
      job_step_status: ["queued", "running", "done", "failed"],
      org_unit_kind: ["province", "district", "school"],
      publication_status: ["draft", "proposed", "approved", "published"],
      school_level: ["primary", "lower_secondary", "upper_secondary"],
      signer_role: ["subject", "homeroom", "principal", "organisation"],
      subject_category: ["compulsory", "elective", "topic", "activity"],
    },
  },
} as const

