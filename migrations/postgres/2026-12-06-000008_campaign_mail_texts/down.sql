DROP TABLE campaign_mail_texts;
